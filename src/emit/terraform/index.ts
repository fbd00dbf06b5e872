// The Terraform emitter: one child module (hashicorp/aws 5.100 to 6.x) in DIR/terraform/*.tf.json, built as
// objects, and on request (spec.terraform.root) a root configuration that calls it in DIR/terraform-root/.
import type { Diagnostic } from '../../diagnostics/types.js';
import type { Topology } from '../../model/types.js';
import type { Artifact, EmitResult } from '../types.js';
import { emitVpcAttachments } from './attachments.js';
import { TerraformBuilder } from './builder.js';
import { emitConnect } from './connect.js';
import { emitFirewall } from './firewall.js';
import { serializeDocument } from './json.js';
import { modelProblems } from './model-check.js';
import { emitOutputs } from './outputs.js';
import { emitRoot } from './root.js';
import { emitTgwRouteTables } from './route-tables.js';
import { emitSecurity } from './security.js';
import { emitTerraformBlock } from './terraform-block.js';
import { emitTransitGateway } from './tgw.js';
import { emitVpcRoutes } from './vpc-routes.js';

export const TERRAFORM_DIR = 'terraform';

export function emitTerraform(model: Topology): EmitResult {
  const problems = modelProblems(model);
  if (problems.length > 0) {
    return {
      artifacts: [],
      diagnostics: problems.map((problem) => ({
        code: 'terraform-inconsistent-model',
        severity: 'error',
        message: `Cannot write the Terraform module: ${problem}.`,
        hint: 'The checks before allocation should have caught this; please report it together with the spec.',
      })),
    };
  }
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

  const diagnostics: Diagnostic[] = builder.clashes.map((clash) => ({
    code: 'terraform-name-clash',
    severity: 'error',
    message: `Two spec objects map to the same Terraform name: ${clash}.`,
    hint: 'Rename one of them in the spec; Terraform names are the spec names with "-" turned into "_".',
  }));
  const artifacts: Artifact[] = [...builder.documents.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([file, document]) => ({ path: `${TERRAFORM_DIR}/${file}`, content: serializeDocument(document), mode: 0o644 }));
  if (model.terraform?.root) {
    const variables = builder.documents.get('variables.tf.json')?.variable ?? {};
    const outputs = builder.documents.get('outputs.tf.json')?.output ?? {};
    artifacts.push(...emitRoot(model, variables, outputs));
  }
  return { artifacts, diagnostics };
}
