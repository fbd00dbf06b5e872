// Which files of an output directory egressc may replace or delete: exactly those its previous
// manifest lists. Pure; the CLI feeds it the directory listing.
import { MANIFEST_PATH, type Manifest } from './manifest.js';
import { compareText } from '../model/order.js';

export interface OwnershipPlan {
  /** files present that no previous manifest lists: egressc never touches these */
  foreign: string[];
  /** foreign files a new artifact would overwrite (or that block one of its directories): build refuses */
  collisions: string[];
  /** files the previous manifest lists that the new build does not write: pruned */
  stale: string[];
}

const sorted = (paths: Iterable<string>): string[] => [...paths].sort(compareText);

/** true when writing `target` would replace `existing` or need it to be a directory (or vice versa) */
const clashes = (existing: string, target: string): boolean =>
  existing === target || existing.startsWith(`${target}/`) || target.startsWith(`${existing}/`);

export function planOwnership(previous: Manifest | undefined, present: readonly string[], next: readonly string[]): OwnershipPlan {
  const owned = new Set((previous?.files ?? []).map((f) => f.path));
  if (previous) owned.add(MANIFEST_PATH);
  const presentSet = new Set(present);
  const foreign = present.filter((p) => !owned.has(p));
  const targets = [...next, MANIFEST_PATH];
  const nextSet = new Set(targets);
  return {
    foreign: sorted(foreign),
    collisions: sorted(foreign.filter((f) => targets.some((t) => clashes(f, t)))),
    stale: sorted([...owned].filter((p) => presentSet.has(p) && !nextSet.has(p))),
  };
}
