// What an allocation changed against the previous lock that the user should hear about: values that
// move (the Connect peer is replaced), released values a new peer had to take, and a rule group
// capacity that changes (the rule group is replaced). The allocator records them as data; check/allocation-changes.ts reports them at the spec.

export interface MovedValue {
  /** `<cluster>/<node>` */
  owner: string;
  field: 'insideCidr' | 'tgwGreAddress';
  /** the lock's value and the new one, formatted (e.g. 169.254.8.8/29) */
  from: string;
  to: string;
  /** pinned: another node's pin (`<cluster>/<node>`) takes the value; outside-pool: the pool no longer holds it */
  reason: { kind: 'pinned'; by: string } | { kind: 'outside-pool' };
}

/** A new peer that had to take a value a removed peer released (in this edit or the last one). */
export interface ReusedValue {
  /** `<cluster>/<node>` of the new peer */
  owner: string;
  field: 'insideCidr' | 'tgwGreAddress';
  /** the value, formatted */
  text: string;
  /** `<cluster>/<node>` of the removed peer that held it */
  formerOwner: string;
}

export type CapacityChange =
  /** firewall.ruleGroup.capacity differs from the lock's */
  | { kind: 'fixed'; from: number; to: number }
  /** egressc grows the rule group for more rules */
  | { kind: 'grown'; from: number; to: number; rules: number };

export interface AllocationChanges {
  moved: MovedValue[];
  reused: ReusedValue[];
  capacity?: CapacityChange;
}
