// Firewall rule identities: a sid per rule key (lowest free in Suricata's local range), a rev that is
// bumped whenever the rule's content changes, and the rule group capacity (only ever grows by itself).
import { createHash } from 'node:crypto';
import type { CapacityChange } from '../model/allocation-changes.js';
import type { FirewallRule } from '../model/types.js';
import type { PlannedRule } from '../model/firewall-rules.js';
import type { Spec } from '../spec/schema.js';
import { MAX_CAPACITY } from '../check/aws-facts.js';
import { FIRST_SID, SID_MAX } from '../facts/suricata.js';
import type { Lock, LockedRule } from './lock.js';
import { allocateStable } from './stable-pool.js';

export const MIN_AUTO_CAPACITY = 100;
const CAPACITY_STEP = 100;

export interface FirewallIds {
  rules: FirewallRule[];
  capacity: number;
  lockRules: Record<string, LockedRule>;
  /** how the capacity differs from the lock's (reported by check/allocation-changes.ts) */
  capacityChange?: CapacityChange;
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

/** Assumes a checked spec (check/capacity.ts): the rules fit the sid range and the capacity. */
export function allocateFirewallIds(spec: Spec, planned: readonly PlannedRule[], previous: Lock | undefined): FirewallIds {
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
  if (sids.exhausted.length > 0) throw new Error('unchecked spec: more firewall rules than sids');

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
  const { capacity, change } = ruleGroupCapacity(spec.spec.firewall.ruleGroup.capacity, rules.length, previous?.firewall.ruleGroupCapacity);
  return { rules, capacity, lockRules, ...(change ? { capacityChange: change } : {}) };
}

/** The spec's fixed capacity, else the lock's while it fits, else room to grow (check/capacity.ts made sure one fits). */
function ruleGroupCapacity(fixed: number | undefined, ruleCount: number, locked: number | undefined): { capacity: number; change?: CapacityChange } {
  if (fixed !== undefined) {
    return locked !== undefined && locked !== fixed ? { capacity: fixed, change: { kind: 'fixed', from: locked, to: fixed } } : { capacity: fixed };
  }
  if (locked !== undefined && locked >= ruleCount) return { capacity: locked };
  const grown = Math.max(headroomCapacity(ruleCount), locked ?? 0);
  if (grown < ruleCount) throw new Error('unchecked spec: more firewall rules than the largest rule group');
  return locked !== undefined ? { capacity: grown, change: { kind: 'grown', from: locked, to: grown, rules: ruleCount } } : { capacity: grown };
}
