// Values a change frees and hands to a new Connect peer in the same apply. Terraform orders neither the
// destroy of the old peer nor the create of the new one, and AWS keeps inside CIDRs and GRE addresses
// unique per Transit Gateway and allows four peers per Connect attachment, so such a create can fail or
// race. The allocator avoids this while it can (docs/allocation.md); `diff` flags what remains.
import type { ConnectPeerRecord } from './inventory.js';
import { MAX_PEERS_PER_ATTACHMENT } from '../allocate/lock.js';

export interface ReuseInOneApply {
  /** the peer being created */
  key: string;
  field: 'insideCidr' | 'tgwGreAddress' | 'attachment';
  value: string;
  /** the peers being destroyed that held the value (for an attachment: those leaving it) */
  from: string[];
}

const VALUE_FIELDS = ['insideCidr', 'tgwGreAddress'] as const;

/**
 * Peers created by the change (added, or replaced because a field changed) that get a value a destroyed
 * peer held, and attachments that would hold more than four peers if every create ran before every destroy.
 */
export function reuseInOneApply(before: readonly ConnectPeerRecord[], after: readonly ConnectPeerRecord[]): ReuseInOneApply[] {
  const old = new Map(before.map((r) => [r.key, r]));
  const next = new Map(after.map((r) => [r.key, r]));
  const replaced = (record: ConnectPeerRecord, was: ConnectPeerRecord | undefined): boolean =>
    was !== undefined && (['attachment', 'insideCidr', 'tgwGreAddress', 'peerAddress', 'bgpAsn'] as const).some((f) => was[f] !== record[f]);
  const destroyed = before.filter((r) => !next.has(r.key) || replaced(next.get(r.key)!, r));
  const created = after.filter((r) => !old.has(r.key) || replaced(r, old.get(r.key)));

  const found: ReuseInOneApply[] = [];
  for (const field of VALUE_FIELDS) {
    const holders = new Map<string, string[]>();
    for (const r of destroyed) holders.set(r[field], [...(holders.get(r[field]) ?? []), r.key]);
    for (const r of created) {
      const from = (holders.get(r[field]) ?? []).filter((key) => key !== r.key);
      if (from.length > 0) found.push({ key: r.key, field, value: r[field], from });
    }
  }
  const countOn = (records: readonly ConnectPeerRecord[]) => {
    const counts = new Map<string, number>();
    for (const r of records) counts.set(r.attachment, (counts.get(r.attachment) ?? 0) + 1);
    return counts;
  };
  const standing = countOn(before);
  const arriving = countOn(created);
  const leavingBy = new Map<string, string[]>();
  for (const d of destroyed) leavingBy.set(d.attachment, [...(leavingBy.get(d.attachment) ?? []), d.key]);
  for (const r of created) {
    const peak = (standing.get(r.attachment) ?? 0) + (arriving.get(r.attachment) ?? 0);
    if (peak <= MAX_PEERS_PER_ATTACHMENT) continue;
    // at most four peers leave one attachment, so this stays linear
    const leaving = (leavingBy.get(r.attachment) ?? []).filter((key) => key !== r.key);
    if (leaving.length > 0) found.push({ key: r.key, field: 'attachment', value: r.attachment, from: leaving });
  }
  return found;
}
