// Reads the emitted Terraform module back (JSON.parse) for the tests: documents by file, merged views,
// declarations, and every string in expression position.
import type { Artifact } from '../../src/emit/types.js';
import type { TfBody, TfDocument, TfValue } from '../../src/emit/terraform/json.js';
import type { Declarations } from './hcl-references.js';

export interface TerraformModule {
  files: Map<string, TfDocument>;
  /** resource type → name → body, over all files */
  resources: Record<string, Record<string, TfBody>>;
  variables: Record<string, { type: string; description: string }>;
  locals: Record<string, TfValue>;
  outputs: Record<string, { value: TfValue; description: string }>;
}

export function readModule(artifacts: readonly Artifact[]): TerraformModule {
  const module: TerraformModule = { files: new Map(), resources: {}, variables: {}, locals: {}, outputs: {} };
  for (const artifact of artifacts) {
    if (!artifact.path.startsWith('terraform/')) continue;
    const document = JSON.parse(artifact.content) as TfDocument;
    module.files.set(artifact.path, document);
    for (const [type, named] of Object.entries(document.resource ?? {})) {
      for (const [name, body] of Object.entries(named)) {
        const byName = (module.resources[type] ??= {});
        if (byName[name]) throw new Error(`resource ${type}.${name} declared twice`);
        byName[name] = body;
      }
    }
    Object.assign(module.variables, document.variable ?? {});
    Object.assign(module.locals, document.locals ?? {});
    Object.assign(module.outputs, document.output ?? {});
  }
  return module;
}

export function declarations(module: TerraformModule): Declarations {
  const resources = new Set<string>();
  for (const [type, named] of Object.entries(module.resources)) for (const name of Object.keys(named)) resources.add(`${type}.${name}`);
  return { variables: new Set(Object.keys(module.variables)), locals: new Set(Object.keys(module.locals)), resources };
}

/** Meta-arguments whose strings are not templates in Terraform JSON. */
const LITERAL_KEYS = new Set(['depends_on', 'lifecycle']);

function* strings(value: TfValue, path: string): Generator<{ path: string; text: string }> {
  if (typeof value === 'string') yield { path, text: value };
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* strings(item, `${path}[${i}]`);
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) if (!LITERAL_KEYS.has(key)) yield* strings(item, `${path}.${key}`);
  }
}

/** Every string Terraform evaluates as a template: resource bodies, locals, output values. */
export function* templateStrings(module: TerraformModule): Generator<{ path: string; text: string }> {
  for (const [type, named] of Object.entries(module.resources)) for (const [name, body] of Object.entries(named)) yield* strings(body, `${type}.${name}`);
  for (const [name, value] of Object.entries(module.locals)) yield* strings(value, `local.${name}`);
  for (const [name, output] of Object.entries(module.outputs)) yield* strings(output.value, `output.${name}`);
}

export function resourcesOf(module: TerraformModule, type: string): Record<string, TfBody> {
  return module.resources[type] ?? {};
}
