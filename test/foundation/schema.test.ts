// The committed JSON Schema is what the zod model generates, and ajv with it agrees with zod on every
// fixture: valid fixtures are accepted by both, shape errors rejected by both.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { specJsonSchema, specJsonSchemaText } from '../../src/spec/json-schema.js';
import { specSchema } from '../../src/spec/schema.js';
import { FIXTURES, isFixtureSpec, REPO_ROOT } from '../support/fixtures.js';

const SCHEMA_FILE = join(REPO_ROOT, 'schema/egressc.schema.json');
const MODELINE = '# yaml-language-server: $schema=../../schema/egressc.schema.json';

/** Codes found before zod runs (YAML problems): ajv never sees those documents. */
const LOADER_CODES = ['yaml-syntax', 'duplicate-key', 'multiple-documents', 'alias-limit', 'empty-document', 'nesting-too-deep', 'merge-key', 'control-character', 'string-too-long', 'not-utf8', 'input-too-large'];
/** Codes zod reports, i.e. shape errors the JSON Schema must catch too. */
const SHAPE_CODES = ['unknown-key', 'missing-field', 'invalid-type', 'invalid-value', 'out-of-range', 'invalid-format'];

function fixtureFiles(): string[] {
  // Every spec in fixtures/<name>/, fixtures/invalid and fixtures/hostile (lock files are not specs).
  const valid = readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'invalid' && d.name !== 'hostile')
    .flatMap((d) =>
      readdirSync(join(FIXTURES, d.name))
        .filter(isFixtureSpec)
        .map((name) => join(FIXTURES, d.name, name)),
    );
  const invalid = ['invalid', 'hostile'].flatMap((dir) =>
    readdirSync(join(FIXTURES, dir))
      .filter(isFixtureSpec)
      .map((name) => join(FIXTURES, dir, name)),
  );
  return [...valid, ...invalid].sort();
}

const expectedCode = (text: string) => /^# expect: ([a-z0-9-]+)/m.exec(text)?.[1];

describe('JSON Schema', () => {
  it('is current (schema/egressc.schema.json matches the zod model)', () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    expect(committed === specJsonSchemaText(), 'schema/egressc.schema.json is stale: run `npm run schema:update` and commit it').toBe(true);
  });

  it('is draft 2020-12 with an id and a title', () => {
    const schema = specJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toMatch(/^urn:egressc:/);
    expect(schema.title).toContain('egressc');
  });

  it('every fixture starts with the yaml-language-server modeline pointing at the schema', () => {
    for (const file of fixtureFiles()) {
      expect(readFileSync(file, 'utf8').split('\n')[0], file).toBe(MODELINE);
    }
  });

  it('ajv and zod agree on accept/reject for every fixture', () => {
    // Formats: the zod model emits none; strict mode would reject unknown keywords, so keep it on.
    const ajv = new Ajv2020({ allErrors: true, strict: true, validateFormats: false });
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);
    const shapeChecked = new Set<string>();
    let acceptedChecked = 0;
    for (const file of fixtureFiles()) {
      const text = readFileSync(file, 'utf8');
      const code = expectedCode(text);
      if (code !== undefined && LOADER_CODES.includes(code)) continue;
      const value: unknown = parse(text);
      const ajvAccepts = validate(value);
      const zodAccepts = specSchema.safeParse(value).success;
      expect(ajvAccepts, `${file}: ajv ${ajvAccepts ? 'accepts' : 'rejects'} but zod ${zodAccepts ? 'accepts' : 'rejects'}`).toBe(zodAccepts);
      if (code !== undefined && SHAPE_CODES.includes(code)) {
        expect(ajvAccepts, file).toBe(false);
        shapeChecked.add(code);
      } else {
        expect(ajvAccepts, `${file}: ${ajv.errorsText(validate.errors)}`).toBe(true);
        acceptedChecked++;
      }
    }
    expect(shapeChecked.size).toBe(SHAPE_CODES.length);
    expect(acceptedChecked).toBeGreaterThan(30);
  });
});
