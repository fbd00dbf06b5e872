// The JSON Schema of the spec, generated from the zod model (one source of truth) for editors and ajv.
import * as z from 'zod';
import { specSchema } from './schema.js';

export const SCHEMA_ID = 'urn:egressc:schema:v1alpha1';

export function specJsonSchema(): Record<string, unknown> {
  // io 'input': what a person writes, so fields with defaults are optional.
  const generated = z.toJSONSchema(specSchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'throw' }) as Record<string, unknown>;
  const { $schema, ...body } = generated;
  return {
    $schema: $schema ?? 'https://json-schema.org/draft/2020-12/schema',
    $id: SCHEMA_ID,
    title: 'egressc topology spec (egressc/v1alpha1 EgressTopology)',
    ...body,
  };
}

/** The committed text of schema/egressc.schema.json. */
export function specJsonSchemaText(): string {
  return `${JSON.stringify(specJsonSchema(), null, 2)}\n`;
}
