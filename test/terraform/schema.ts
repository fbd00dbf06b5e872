// The Terraform-JSON schema of the AWS provider subset, compiled once with ajv (draft 2020-12, strict).
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { schemaDataPath } from '../support/shared.js';

const schema = JSON.parse(readFileSync(schemaDataPath('terraform', 'aws-subset.tf.schema.json'), 'utf8')) as object;
const ajv = new Ajv2020({ strict: true, allErrors: true });
export const validateTfJson = ajv.compile(schema);

export function schemaErrors(document: unknown): string[] {
  if (validateTfJson(document)) return [];
  return (validateTfJson.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
