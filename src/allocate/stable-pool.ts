// Stable allocation from a pool of numbered values (inside /29s, GRE addresses, sids). Owners are named;
// nothing depends on the order they are listed in:
//   1. pinned owners get their pin (pins are validated and conflict-free before this runs);
//   2. other owners keep their previous (lock) value while it is still in the pool and nobody pinned it;
//   3. the rest, in owner-name order, take the lowest free values, passing over the values to avoid
//      (those released in this edit: Terraform may create the new holder before destroying the old one);
//      only when no other value is free do they take an avoided one, and the result says so.

export interface StablePoolRequest {
  /** owner names; order is irrelevant */
  owners: readonly string[];
  pinned: ReadonlyMap<string, number>;
  previous: ReadonlyMap<string, number>;
  /** whether a previous value may be kept (it is still inside the pool) */
  inPool(value: number): boolean;
  /** the pool's values, lowest first */
  candidates(): Iterable<number>;
  /** values released in this edit: handed to a new owner only when no other value is free */
  avoid?: Pick<ReadonlySet<number>, 'has'>;
}

export interface MovedAllocation {
  owner: string;
  from: number;
  /** pinned: another owner's pin takes the value; outside-pool: the pool no longer holds it */
  reason: { kind: 'pinned'; by: string } | { kind: 'outside-pool' };
}

export interface StablePoolResult {
  values: Map<string, number>;
  moved: MovedAllocation[];
  /** owners left without a value because the pool ran out, in owner-name order */
  exhausted: string[];
  /** owners that had to take a value released in this edit (nothing else was free), in owner-name order */
  reused: { owner: string; value: number }[];
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function allocateStable(request: StablePoolRequest): StablePoolResult {
  const owners = [...new Set(request.owners)].sort(byName);
  const values = new Map<string, number>();
  const holder = new Map<number, string>();
  const moved: MovedAllocation[] = [];

  for (const owner of owners) {
    const pin = request.pinned.get(owner);
    if (pin === undefined) continue;
    values.set(owner, pin);
    holder.set(pin, owner);
  }
  const waiting: string[] = [];
  for (const owner of owners) {
    if (values.has(owner)) continue;
    const previous = request.previous.get(owner);
    if (previous === undefined) {
      waiting.push(owner);
    } else if (!request.inPool(previous)) {
      moved.push({ owner, from: previous, reason: { kind: 'outside-pool' } });
      waiting.push(owner);
    } else if (holder.has(previous)) {
      const by = holder.get(previous)!;
      if (request.pinned.has(by)) moved.push({ owner, from: previous, reason: { kind: 'pinned', by } });
      // else: a malformed lock gave the value to two owners; the first by name kept it (parseLock rejects such locks)
      waiting.push(owner);
    } else {
      values.set(owner, previous);
      holder.set(previous, owner);
    }
  }
  const avoid = request.avoid ?? new Set<number>();
  const reused: { owner: string; value: number }[] = [];
  let next = 0;
  // one pass over the pool; released values come last, in pool order, and only if the pool runs out
  const fallback: number[] = [];
  if (waiting.length > 0) {
    for (const candidate of request.candidates()) {
      if (holder.has(candidate)) continue;
      if (avoid.has(candidate)) {
        fallback.push(candidate);
        continue;
      }
      const owner = waiting[next++]!;
      values.set(owner, candidate);
      holder.set(candidate, owner);
      if (next === waiting.length) break;
    }
  }
  for (const candidate of fallback) {
    if (next === waiting.length) break;
    const owner = waiting[next++]!;
    values.set(owner, candidate);
    holder.set(candidate, owner);
    reused.push({ owner, value: candidate });
  }
  return { values, moved, exhausted: waiting.slice(next), reused };
}
