// Handlebars templates for the line-oriented formats (BIRD, ifcfg, NetworkManager keyfiles). They ship in
// the package's templates/ folder and are part of the program, like its code, not input: compiling them
// (template-source.ts, the one file access outside src/cli and src/write) happens once per template, so
// emitters stay pure functions of the model. Each template gets a private Handlebars environment whose
// only helpers are the escapers of its format.
import { compileTemplate, createTemplateEnvironment, TEMPLATE_ROOT } from './template-source.js';

export { TEMPLATE_ROOT };

export type FormatEscaper = (value: string) => string;

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new TypeError(`template value must be a string or a finite number, got ${typeof value}`);
}

/** A renderer for templates/<path>, compiled on first use with the given format escapers as helpers. */
export function templateRenderer<View extends object>(path: string, escapers: Readonly<Record<string, FormatEscaper>>): (view: View) => string {
  let compiled: ((view: View) => string) | undefined;
  return (view) => {
    if (!compiled) {
      const handlebars = createTemplateEnvironment();
      for (const [name, escape] of Object.entries(escapers)) handlebars.registerHelper(name, (value: unknown) => escape(text(value)));
      compiled = compileTemplate<View>(handlebars, path);
    }
    return compiled(view);
  };
}
