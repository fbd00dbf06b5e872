// The optional ready-to-apply root configuration (spec.terraform.root): terraform-root/ beside the
// module, with the provider block (the spec's region) and one call of ../terraform that passes every
// module variable through a root variable of the same name and re-exports every module output.
// Users who have their own root call the module instead and ignore this (or leave it off).
import type { Topology } from '../../model/types.js';
import type { Artifact } from '../types.js';
import { moduleOutputRef, serializeDocument, variableRef, type TfBody, type TfDocument, type TfOutput, type TfVariable } from './json.js';
import { identifier } from '../../render/terraform/names.js';
import { REQUIRED_TERRAFORM, requiredProviders } from './terraform-block.js';

export const TERRAFORM_ROOT_DIR = 'terraform-root';
/** The module's folder as seen from the root's. */
export const MODULE_SOURCE = '../terraform';

/** Name of the module call in the root: the spec's metadata.name as a Terraform identifier. */
export const rootModuleName = (model: Topology): string => identifier(model.name);

export function emitRoot(model: Topology, variables: Record<string, TfVariable>, outputs: Record<string, TfOutput>): Artifact[] {
  const name = rootModuleName(model);
  const call: TfBody = { source: MODULE_SOURCE };
  for (const variable of Object.keys(variables).sort()) call[variable] = variableRef(variable);
  const main: TfDocument = {
    terraform: { required_version: REQUIRED_TERRAFORM, required_providers: requiredProviders },
    provider: { aws: { region: model.aws.region } },
    module: { [name]: call },
  };
  const reexported: Record<string, TfOutput> = {};
  for (const [output, { description }] of Object.entries(outputs)) reexported[output] = { value: moduleOutputRef(name, output), description };

  const documents: [string, TfDocument][] = [
    ['main.tf.json', main],
    ['outputs.tf.json', { output: reexported }],
  ];
  if (Object.keys(variables).length > 0) documents.push(['variables.tf.json', { variable: { ...variables } }]);
  return documents
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([file, document]) => ({ path: `${TERRAFORM_ROOT_DIR}/${file}`, content: serializeDocument(document), mode: 0o644 }));
}
