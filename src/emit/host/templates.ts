// The Handlebars templates of the host formats (templates/host/*.hbs), in a private Handlebars
// environment whose helpers are the format escapers. Templates are compiled with noEscape (HTML
// escaping is wrong for every format here) and strict (a misspelt field throws): every value must go
// through a format helper, which test/host/templates.test.ts checks for each template.
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { ifcfgValue } from './ifcfg-quote.js';
import { keyfileValue } from './keyfile-escape.js';
import { commentText, ipRouteField } from './line-text.js';

export type HostTemplateName = 'ifcfg-tunnel' | 'route-tunnel' | 'nmconnection-tunnel';

/** templates/ ships with the package; this resolves from src/emit/host and from dist/emit/host alike. */
export const HOST_TEMPLATE_DIR = new URL('../../../templates/host/', import.meta.url);

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new TypeError(`template value must be a string or a finite number, got ${typeof value}`);
}

const handlebars = Handlebars.create();
export const HOST_TEMPLATE_HELPERS: Readonly<Record<string, (value: string) => string>> = {
  ifcfg: ifcfgValue,
  keyfile: keyfileValue,
  comment: commentText,
  routeField: ipRouteField,
};
for (const [name, escape] of Object.entries(HOST_TEMPLATE_HELPERS)) {
  handlebars.registerHelper(name, (value: unknown) => escape(text(value)));
}

const compiled = new Map<HostTemplateName, Handlebars.TemplateDelegate<object>>();

// Reading the package's own template files is the one read outside src/cli: they are part of the
// program (like its code), not input, so the emitter stays a pure function of the model.
function template(name: HostTemplateName): Handlebars.TemplateDelegate<object> {
  let found = compiled.get(name);
  if (!found) {
    const source = readFileSync(new URL(`${name}.hbs`, HOST_TEMPLATE_DIR), 'utf8');
    found = handlebars.compile(source, { noEscape: true, strict: true });
    compiled.set(name, found);
  }
  return found;
}

export function renderHostTemplate(name: HostTemplateName, context: object): string {
  return template(name)(context);
}
