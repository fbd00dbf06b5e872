// Derives the schema data the tests validate against (test/schema-data/) from the upstream copies in
// shared/schemas/ beside the repository, so that a clone needs nothing beside it to run its tests.
//
//   node scripts/derive-schemas.mjs [--shared DIR]     (npm run schemas:derive; DIR defaults to ../shared)
//
// Calico / Calico Enterprise / operator CRDs: per CRD file, the group, scope, kind and each version's
// openAPIV3Schema with everything that validates kept (types, formats, enums, patterns, required,
// bounds, defaults, x-kubernetes-* markers) and the prose dropped (`description`, and the CEL
// `x-kubernetes-validations`, which the offline validator does not evaluate and whose messages are text).
// Terraform: the provider subset and its Terraform-JSON schema, which are already data, re-serialized.
// Pure: the same upstream files give byte-identical output (test/foundation/schema-data.test.ts checks).
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA_DATA_DIR = join(REPO_ROOT, 'test', 'schema-data');
/** Hand-written provenance note kept in SCHEMA_DATA_DIR beside the derived files. */
export const PROVENANCE_FILE = 'README.md';

/** Schema keywords whose value is prose, not a constraint. */
const PROSE_KEYS = new Set(['description', 'x-kubernetes-validations']);

const sortedKeys = (object) => Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** An openAPIV3Schema without prose; keys sorted so that upstream reordering does not churn the data. */
export function stripSchema(node) {
  if (Array.isArray(node)) return node.map(stripSchema);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (PROSE_KEYS.has(key)) continue;
    // under `properties` the keys are field names (a field may well be called "description")
    if (key === 'properties') out[key] = sortedKeys(Object.fromEntries(Object.entries(value).map(([name, field]) => [name, stripSchema(field)])));
    else if (key === 'default' || key === 'enum' || key === 'required') out[key] = value;
    else out[key] = stripSchema(value);
  }
  return sortedKeys(out);
}

function yamlFiles(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) return yamlFiles(full);
      return entry.endsWith('.yaml') ? [full] : [];
    });
}

const json = (value) => `${JSON.stringify(value, null, 2)}\n`;

/** The derived CRD document of one upstream CRD file. */
export function deriveCrd(source, text) {
  const crd = parse(text);
  return {
    '//': `Derived by scripts/derive-schemas.mjs from shared/schemas/${source} (prose removed); origin and licence in README.md.`,
    group: crd.spec.group,
    scope: crd.spec.scope,
    kind: crd.spec.names.kind,
    versions: crd.spec.versions.map((version) => ({ name: version.name, schema: stripSchema(version.schema.openAPIV3Schema) })),
  };
}

/** Derived CRD file name (relative to test/schema-data/calico) of an upstream CRD path such as `enterprise/v3/x.yaml`. */
export const derivedCrdName = (upstream) => upstream.replace(/\.yaml$/, '.json');

/** Every derived file: path relative to test/schema-data → content. */
export function deriveSchemaData(sharedDir) {
  const files = new Map();
  const calico = join(sharedDir, 'schemas', 'calico');
  for (const file of yamlFiles(calico)) {
    const upstream = relative(calico, file);
    // the crd.projectcalico.org/v1 backing-store CRDs are what the API server stores, not what users write
    if (basename(upstream).startsWith('crd.projectcalico.org_')) continue;
    files.set(join('calico', derivedCrdName(upstream)), json(deriveCrd(`calico/${upstream}`, readFileSync(file, 'utf8'))));
  }
  for (const name of ['aws-provider-subset.json', 'aws-subset.tf.schema.json']) {
    files.set(join('terraform', name), json(JSON.parse(readFileSync(join(sharedDir, 'schemas', 'terraform', name), 'utf8'))));
  }
  return files;
}

/** The derived files now in the repository (the provenance note excluded). */
export function committedSchemaData() {
  const files = new Map();
  const walk = (dir) => {
    for (const entry of readdirSync(dir).sort()) {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (relative(SCHEMA_DATA_DIR, full) !== PROVENANCE_FILE) files.set(relative(SCHEMA_DATA_DIR, full), readFileSync(full, 'utf8'));
    }
  };
  walk(SCHEMA_DATA_DIR);
  return files;
}

function main(argv) {
  const at = argv.indexOf('--shared');
  const sharedDir = at >= 0 ? argv[at + 1] : process.env.EGRESSC_SHARED_DIR ?? join(REPO_ROOT, '..', 'shared');
  if (!sharedDir) throw new Error('--shared needs a directory');
  const derived = deriveSchemaData(sharedDir);
  for (const old of committedSchemaData().keys()) rmSync(join(SCHEMA_DATA_DIR, old));
  for (const [path, content] of derived) {
    mkdirSync(dirname(join(SCHEMA_DATA_DIR, path)), { recursive: true });
    writeFileSync(join(SCHEMA_DATA_DIR, path), content);
  }
  console.log(`wrote ${derived.size} files to ${relative(process.cwd(), SCHEMA_DATA_DIR) || '.'} from ${sharedDir}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.slice(2));
