// Handlebars templates for the line-oriented formats (BIRD, ifcfg, NetworkManager keyfiles). They ship in
// the package's templates/ folder and are part of the program, like its code, not input: reading them is
// the one file access outside src/cli and src/write, done once per template, so emitters stay pure
// functions of the model. Each template gets a private Handlebars environment whose only helpers are the
// escapers of its format; HTML escaping is off (wrong for every format here) and strict mode makes a
// misspelt field throw.
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';

/** src/emit/ and dist/emit/ are both two levels below the package root. */
export const TEMPLATE_ROOT = new URL('../../templates/', import.meta.url);

export type FormatEscaper = (value: string) => string;

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new TypeError(`template value must be a string or a finite number, got ${typeof value}`);
}

/** A renderer for templates/<path>, compiled on first use with the given format escapers as helpers. */
export function templateRenderer<View extends object>(path: string, escapers: Readonly<Record<string, FormatEscaper>>): (view: View) => string {
  let compiled: Handlebars.TemplateDelegate<View> | undefined;
  return (view) => {
    if (!compiled) {
      const handlebars = Handlebars.create();
      for (const [name, escape] of Object.entries(escapers)) handlebars.registerHelper(name, (value: unknown) => escape(text(value)));
      compiled = handlebars.compile<View>(readFileSync(new URL(path, TEMPLATE_ROOT), 'utf8'), { noEscape: true, strict: true });
    }
    return compiled(view);
  };
}
