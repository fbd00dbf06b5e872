// Where a template's compiled form comes from. Here: templates/<path> is read and compiled on first use
// (the library and the tests run this). The CLI bundle replaces this module with one that holds every
// template precompiled at bundle time with the same options (scripts/bundle-cli.mjs), so the CLI neither
// reads templates/ nor carries Handlebars' compiler; both give the same template functions.
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';

/** src/emit/ and dist/emit/ are both two levels below the package root. */
export const TEMPLATE_ROOT = new URL('../../templates/', import.meta.url);

/** HTML escaping is off (wrong for every format here); strict mode makes a misspelt field throw. */
export const TEMPLATE_COMPILE_OPTIONS = { noEscape: true, strict: true } as const;

export type TemplateEnvironment = ReturnType<typeof Handlebars.create>;

export const createTemplateEnvironment = (): TemplateEnvironment => Handlebars.create();

export function compileTemplate<View>(environment: TemplateEnvironment, path: string): Handlebars.TemplateDelegate<View> {
  return environment.compile<View>(readFileSync(new URL(path, TEMPLATE_ROOT), 'utf8'), TEMPLATE_COMPILE_OPTIONS);
}
