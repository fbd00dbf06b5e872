// Firewall rule identities: a sid per rule key (lowest free in Suricata's local range), a rev that is
// bumped whenever the rule's content changes, and the rule group capacity (only ever grows by itself).
import { createHash } from 'node:crypto';
import type { Diagnostic, SpecPath } from '../diagnostics/types.js';
import type { FirewallRule } from '../model/types.js';
import type { Spec } from '../spec/schema.js';
import { specDiagnostic, type SpecLocation } from './diagnose.js';
import type { PlannedRule } from './firewall-rules.js';
import { FIRST_SID, MAX_CAPACITY, SID_MAX, type Lock, type LockedRule } from './lock.js';
import { allocateStable } from './stable-pool.js';

export const MIN_AUTO_CAPACITY = 100;
const CAPACITY_STEP = 100;

export interface FirewallIds {
  rules: FirewallRule[];
  capacity?: number;
  lockRules: Record<string, LockedRule>;
  diagnostics: Diagnostic[];
}

/** A short sha256 of everything in the rule but its sid and rev, with object keys sorted. */
export function ruleDigest(rule: PlannedRule): string {
  return createHash('sha256').update(JSON.stringify(sortKeys(rule))).digest('hex').slice(0, 16);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}

/** Capacity egressc picks when nothing fixes it: room for twice the rules, in steps of 100, at least 100. */
export function headroomCapacity(ruleCount: number): number {
  return Math.min(MAX_CAPACITY, Math.max(MIN_AUTO_CAPACITY, Math.ceil((2 * ruleCount) / CAPACITY_STEP) * CAPACITY_STEP));
}

const FIREWALL_PATH: SpecPath = ['spec', 'firewall'];

export function allocateFirewallIds(spec: Spec, planned: readonly PlannedRule[], previous: Lock | undefined, where: SpecLocation): FirewallIds {
  const diagnostics: Diagnostic[] = [];
  const previousRules = previous?.firewall.rules ?? {};
  // Keys are unique: the checks refuse duplicate allow names and gateways or services named twice.
  const keys = planned.map((r) => r.key);

  const sids = allocateStable({
    owners: keys,
    pinned: new Map(),
    previous: new Map(Object.entries(previousRules).map(([key, rule]) => [key, rule.sid])),
    inPool: (sid) => sid >= FIRST_SID && sid <= SID_MAX,
    candidates: function* () {
      for (let sid = FIRST_SID; sid <= SID_MAX; sid++) yield sid;
    },
  });
  if (sids.exhausted.length > 0) {
    diagnostics.push(
      specDiagnostic(where, 'error', 'pool-exhausted', [...FIREWALL_PATH, 'allow'], `The sid range ${FIRST_SID}-${SID_MAX} has no free sid left for ${sids.exhausted.length} rules.`, 'Reduce the number of firewall rules.'),
    );
    return { rules: [], lockRules: {}, diagnostics };
  }

  const rules: FirewallRule[] = [];
  const lockRules: Record<string, LockedRule> = {};
  for (const rule of planned) {
    const digest = ruleDigest(rule);
    const before = previousRules[rule.key];
    const sid = sids.values.get(rule.key)!;
    const rev = before === undefined ? 1 : before.digest === digest ? before.rev : before.rev + 1;
    rules.push({ ...rule, sid, rev });
    lockRules[rule.key] = { digest, rev, sid };
  }

  const capacity = ruleGroupCapacity(spec, rules.length, previous?.firewall.ruleGroupCapacity, where, diagnostics);
  return { rules, ...(capacity !== undefined ? { capacity } : {}), lockRules, diagnostics };
}

function ruleGroupCapacity(spec: Spec, ruleCount: number, locked: number | undefined, where: SpecLocation, diagnostics: Diagnostic[]): number | undefined {
  const path: SpecPath = [...FIREWALL_PATH, 'ruleGroup', 'capacity'];
  const fixed = spec.spec.firewall.ruleGroup.capacity;
  const replaced = 'Changing the capacity forces Terraform to replace the rule group (a new rule group is created and the policy switched to it).';
  if (fixed !== undefined) {
    if (fixed < ruleCount) {
      diagnostics.push(specDiagnostic(where, 'error', 'capacity-too-small', path, `Rule group capacity ${fixed} is below the ${ruleCount} rules of the firewall.`, `Raise firewall.ruleGroup.capacity to at least ${ruleCount}, or remove it to let egressc size the rule group.`));
      return undefined;
    }
    if (locked !== undefined && locked !== fixed) {
      diagnostics.push(specDiagnostic(where, 'warning', 'capacity-changes', path, `Rule group capacity changes from ${locked} to ${fixed}.`, replaced));
    }
    return fixed;
  }
  if (locked !== undefined && locked >= ruleCount) return locked;
  const grown = Math.max(headroomCapacity(ruleCount), locked ?? 0);
  if (grown < ruleCount) {
    diagnostics.push(
      specDiagnostic(where, 'error', 'pool-exhausted', [...FIREWALL_PATH, 'allow'], `The firewall needs ${ruleCount} rules, more than the largest rule group capacity (${MAX_CAPACITY}).`, 'Reduce the number of allow entries, gateways or services, or split the firewall.'),
    );
    return undefined;
  }
  if (locked !== undefined) {
    diagnostics.push(specDiagnostic(where, 'warning', 'capacity-grows', [...FIREWALL_PATH, 'ruleGroup'], `Rule group capacity grows from ${locked} to ${grown} for ${ruleCount} rules.`, `${replaced} Set firewall.ruleGroup.capacity to plan the size yourself.`));
  }
  return grown;
}
