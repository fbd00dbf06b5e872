// Two spec objects must not map to one Terraform address: spec names are joined with "_" for "-", so
// e.g. cluster "payments" node "a-b" and cluster "payments-a" node "b" would share a Connect peer.
// Which addresses clash is found by the Terraform emitter's own naming (passed in as data by
// src/analyze.ts, so the rule and the naming cannot drift apart).
import type { Report } from './context.js';

export function checkTerraformNames(clashes: readonly string[], report: Report): void {
  for (const clash of clashes) {
    report({
      code: 'terraform-name-clash',
      path: ['spec'],
      atKey: true,
      message: `Two spec objects map to the same Terraform name: ${clash}.`,
      hint: 'Rename one of them in the spec; Terraform names are the spec names with "-" turned into "_".',
    });
  }
}
