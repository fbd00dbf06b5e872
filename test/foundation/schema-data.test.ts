// The schema data the tests validate against is carried by the repository (test/schema-data/), derived
// from the upstream copies by scripts/derive-schemas.mjs. Where the upstream copies are (shared/ beside
// the repository, as CI lays it out), the derived files must be exactly what the script makes of them.
import { describe, expect, it } from 'vitest';
import { committedSchemaData, deriveSchemaData, stripSchema } from '../../scripts/derive-schemas.mjs';
import { ENTERPRISE_CRDS, OPENSOURCE_CRDS } from '../calico/support/crd-validator.js';
import { calicoCrdPath, schemaDataPath, sharedDir } from '../support/shared.js';

const upstream = sharedDir();

describe('the derived schema data', () => {
  it('has a derived copy of every CRD the validator loads, and the Terraform provider data', () => {
    for (const file of [...ENTERPRISE_CRDS, ...OPENSOURCE_CRDS]) expect(() => calicoCrdPath(file), file).not.toThrow();
    expect(() => schemaDataPath('terraform', 'aws-provider-subset.json')).not.toThrow();
    expect(() => schemaDataPath('terraform', 'aws-subset.tf.schema.json')).not.toThrow();
  });

  it('keeps constraints and drops prose (a field named "description" stays a field)', () => {
    const crd = {
      type: 'object',
      description: 'prose',
      required: ['port'],
      'x-kubernetes-validations': [{ rule: 'self.port > 0', message: 'prose' }],
      properties: {
        port: { type: 'integer', format: 'int32', minimum: 1, description: 'prose' },
        description: { type: 'string', pattern: '^[a-z]+$', enum: ['a', 'b'] },
      },
    };
    expect(stripSchema(crd)).toEqual({
      properties: { description: { enum: ['a', 'b'], pattern: '^[a-z]+$', type: 'string' }, port: { format: 'int32', minimum: 1, type: 'integer' } },
      required: ['port'],
      type: 'object',
    });
  });

  const fresh = upstream ? it : it.skip;
  if (!upstream) console.warn('\n!!! SKIPPING the freshness check of test/schema-data: no shared/schemas beside the repository (nor EGRESSC_SHARED_DIR)\n');
  fresh('is what scripts/derive-schemas.mjs makes of the upstream copies in shared/schemas (npm run schemas:derive)', () => {
    const derived = deriveSchemaData(upstream!);
    const committed = committedSchemaData();
    expect([...committed.keys()].sort()).toEqual([...derived.keys()].sort());
    for (const [path, content] of derived) expect(committed.get(path), `test/schema-data/${path} is stale (npm run schemas:derive)`).toBe(content);
  });
});
