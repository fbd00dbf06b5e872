// The Terraform emitter: one child module (hashicorp/aws 5.100 to 6.x) in DIR/terraform/*.tf.json, built as
// objects, and on request (spec.terraform.root) a root configuration that calls it in DIR/terraform-root/.
import type { Topology } from '../../model/types.js';
import type { NameClash } from '../../render/terraform/names.js';
import type { Artifact, EmitResult } from '../types.js';
import { emitVpcAttachments } from './attachments.js';
import { TerraformBuilder } from './builder.js';
import { emitConnect } from './connect.js';
import { emitFirewall } from './firewall.js';
import { serializeDocument } from './json.js';
import { emitOutputs } from './outputs.js';
import { emitRoot } from './root.js';
import { emitTgwRouteTables } from './route-tables.js';
import { emitSecurity } from './security.js';
import { emitTerraformBlock } from './terraform-block.js';
import { emitTransitGateway } from './tgw.js';
import { emitVpcRoutes } from './vpc-routes.js';

export const TERRAFORM_DIR = 'terraform';

// The analysis builds the module to find name clashes and build emits the same model: built once per
// model object (a model is never changed after allocation), which at 5,000 nodes saves a quarter second.
const builtModules = new WeakMap<Topology, TerraformBuilder>();

function buildModule(model: Topology): TerraformBuilder {
  const built = builtModules.get(model);
  if (built) return built;
  const builder = new TerraformBuilder(model);
  emitTerraformBlock(builder);
  emitTransitGateway(builder);
  emitVpcAttachments(builder);
  emitConnect(builder);
  emitTgwRouteTables(builder);
  emitVpcRoutes(builder);
  emitSecurity(builder);
  emitFirewall(builder);
  emitOutputs(builder);
  builtModules.set(model, builder);
  return builder;
}

/**
 * Terraform addresses two spec objects would share (e.g. "a-b"+"c" and "a"+"b-c"), with the spec object
 * behind each, as data: the addresses are those the module writes, the rule (terraform-name-clash) is the
 * checker's (check/terraform-names.ts).
 */
export function terraformNameClashes(model: Topology): NameClash[] {
  return buildModule(model).clashes;
}

export function emitTerraform(model: Topology): EmitResult {
  const builder = buildModule(model);

  // The checker refuses specs whose names would clash (check/terraform-names.ts); a clash here is a bug.
  const clashes = builder.clashes;
  if (clashes.length > 0) throw new Error(`unchecked model: Terraform names clash: ${clashes.map((c) => c.address).join('; ')}`);
  const artifacts: Artifact[] = [...builder.documents.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([file, document]) => ({ path: `${TERRAFORM_DIR}/${file}`, content: serializeDocument(document), mode: 0o644 }));
  if (model.terraform?.root) {
    const variables = builder.documents.get('variables.tf.json')?.variable ?? {};
    const outputs = builder.documents.get('outputs.tf.json')?.output ?? {};
    artifacts.push(...emitRoot(model, variables, outputs));
  }
  return { artifacts };
}
