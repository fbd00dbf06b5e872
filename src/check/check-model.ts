// Checks over the resolved model (after the allocation): what needs allocated values or derived names
// (e.g. the rule group's AWS name with its capacity, the firewall rules string as AWS receives it, the
// paths flows take), and what the allocation changed against the lock. Every finding points at the spec
// node it comes from, like checkSpec's.
import type { Diagnostic } from '../diagnostics/types.js';
import { hasErrors } from '../diagnostics/types.js';
import { sortByPosition } from '../diagnostics/sort.js';
import type { AllocationChanges } from '../model/allocation-changes.js';
import type { Topology } from '../model/types.js';
import type { NameClash } from '../render/terraform/names.js';
import type { Spec } from '../spec/schema.js';
import { checkAllocationChanges } from './allocation-changes.js';
import { checkAwsDerivedNames } from './aws-names.js';
import { collector, place, type CheckContext, type Report } from './context.js';
import { checkGatewayPolicies } from './egress-clients.js';
import { firewallDiagnostics } from './firewall/check-firewall.js';
import { checkExpectations, checkReachability } from './reachability.js';
import { checkTerraformNames } from './terraform-names.js';

export interface ModelCheckInput {
  spec: Spec;
  model: Topology;
  changes: AllocationChanges;
  /** Terraform addresses two spec objects share (from the Terraform module's builder) */
  terraformClashes: readonly NameClash[];
}

const MODEL_CHECKS: readonly ((model: Topology, report: Report) => void)[] = [checkAwsDerivedNames, checkGatewayPolicies];

export function checkModel(input: ModelCheckInput, context: CheckContext): Diagnostic[] {
  const { report, diagnostics } = collector(context);
  for (const check of MODEL_CHECKS) check(input.model, report);
  checkAllocationChanges(input.spec, input.changes, report);
  checkTerraformNames(input.spec, input.terraformClashes, context, report);
  const { firewall } = input.spec.spec;
  diagnostics.push(...firewallDiagnostics(input.model, firewall.protect, firewall.allow.map((a) => a.name)).map((d) => place(context, d)));
  // The path checks walk the model's routes and firewall: only a model without other errors is walked.
  if (!hasErrors(diagnostics)) {
    checkReachability(input.model, report, input.spec);
    checkExpectations(input.spec, input.model, report);
  }
  return sortByPosition(diagnostics);
}
