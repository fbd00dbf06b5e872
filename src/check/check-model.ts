// Checks over the resolved model (after the allocation): what needs allocated values or derived
// names, e.g. the firewall rules string as AWS receives it, and what the allocation changed against
// the lock. Every finding points at the spec node it comes from.
import type { Diagnostic } from '../diagnostics/types.js';
import { sortByPosition } from '../diagnostics/sort.js';
import type { AllocationChanges } from '../model/allocation-changes.js';
import type { Topology } from '../model/types.js';
import type { Spec } from '../spec/schema.js';
import { checkAllocationChanges } from './allocation-changes.js';
import { collector, place, type CheckContext } from './context.js';
import { checkGatewayPolicies } from './egress-clients.js';
import { firewallDiagnostics } from './firewall/check-firewall.js';
import { checkTerraformNames } from './terraform-names.js';

export interface ModelCheckInput {
  spec: Spec;
  model: Topology;
  changes: AllocationChanges;
  /** Terraform addresses two spec objects share (from the Terraform emitter's naming) */
  terraformClashes: readonly string[];
}

export function checkModel(input: ModelCheckInput, context: CheckContext): Diagnostic[] {
  const { report, diagnostics } = collector(context);
  checkGatewayPolicies(input.model, report);
  checkAllocationChanges(input.spec, input.changes, report);
  checkTerraformNames(input.terraformClashes, report);
  diagnostics.push(...firewallDiagnostics(input.model).map((d) => place(context, d)));
  return sortByPosition(diagnostics);
}
