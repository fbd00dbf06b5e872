// Terraform JSON (*.tf.json) as typed data: documents are plain objects serialized with JSON.stringify.
// Only the shapes this emitter writes are modelled; every string is a Terraform string template.

export type TfValue = string | number | boolean | null | TfValue[] | { [key: string]: TfValue };
export type TfBody = { [key: string]: TfValue };

/** resource type → resource name → body */
export type TfResources = Record<string, Record<string, TfBody>>;

export interface TfVariable {
  type: string;
  description: string;
}

export interface TfOutput {
  value: TfValue;
  description: string;
}

/** One *.tf.json file's root object; absent keys are not written. */
export interface TfDocument {
  terraform?: TfBody;
  provider?: Record<string, TfBody>;
  variable?: Record<string, TfVariable>;
  locals?: Record<string, TfValue>;
  resource?: TfResources;
  /** module calls (only the root configuration has them) */
  module?: Record<string, TfBody>;
  output?: Record<string, TfOutput>;
}

/** `${aws_x.name.attribute}`: an expression reference to a resource attribute. */
export const resourceRef = (type: string, name: string, attribute: string): string => `\${${type}.${name}.${attribute}}`;

/** A `depends_on` entry: a bare resource address, no `${}` (Terraform JSON rule). */
export const resourceAddress = (type: string, name: string): string => `${type}.${name}`;

/**
 * A literal string inside a Terraform string template: `${` and `%{` would start an interpolation or a
 * directive, so they are doubled (`$${`, `%%{`). Used for text that is not ours to trust (rules, names
 * of log destinations).
 */
export const templateLiteral = (text: string): string => text.replace(/([$%])\{/g, (_match, sigil: string) => `${sigil}${sigil}{`);

export const variableRef = (name: string): string => `\${var.${name}}`;
export const localRef = (name: string): string => `\${local.${name}}`;
export const moduleOutputRef = (module: string, output: string): string => `\${module.${module}.${output}}`;

const byKey = <T>(record: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * Serializes a document with a stable key order: top-level blocks in Terraform's usual order, resource
 * types and names, variables, locals and outputs sorted by name; bodies keep the order they were built in.
 */
export function serializeDocument(document: TfDocument): string {
  const ordered: Record<string, unknown> = {};
  if (document.terraform) ordered.terraform = document.terraform;
  if (document.provider) ordered.provider = byKey(document.provider);
  if (document.variable) ordered.variable = byKey(document.variable);
  if (document.locals) ordered.locals = byKey(document.locals);
  if (document.resource) {
    ordered.resource = Object.fromEntries(Object.entries(byKey(document.resource)).map(([type, named]) => [type, byKey(named)]));
  }
  if (document.module) ordered.module = byKey(document.module);
  if (document.output) ordered.output = byKey(document.output);
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
