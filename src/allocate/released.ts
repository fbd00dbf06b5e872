// No reuse within one apply. Terraform orders neither the destroy of a removed Connect peer nor the
// create of a new one, and AWS keeps inside CIDRs (and GRE addresses) unique per Transit Gateway and
// allows four peers per Connect attachment: a new peer given what a removed peer frees in the same apply
// can fail or race. So the values of peers removed by this edit, and those the last edit removed (the
// lock's `released:` section, in case that edit was never applied on its own), go to a new peer only
// when nothing else is free; check/allocation-changes.ts warns at the new peer.
//
// `released:` lists the removed peers' entries as they were. It belongs to one generation of the peers:
// a build that changes the Connect peers replaces it with what that build releases; a build that changes
// no peer keeps it as it is, so rebuilding never rewrites the lock.
import { parseCidr, parseIpv4 } from '../net/ipv4.js';
import { CONNECT_ATTACHMENT_NAME, type Lock, type LockedConnectPeer } from './lock.js';

export interface ReleasedValues {
  /** owner → entry: removed by this edit, then those the last edit removed */
  peers: ReadonlyMap<string, LockedConnectPeer>;
  /** released value → the owner that held it */
  insideBases: ReadonlyMap<number, string>;
  greAddresses: ReadonlyMap<number, string>;
  /** cluster → attachment number → slots released on it */
  attachmentSlots: ReadonlyMap<string, ReadonlyMap<number, number>>;
}

/** What the new peers of this build must avoid: given the previous lock and the owners in the spec. */
export function releasedValues(previous: Lock | undefined, present: ReadonlySet<string>): ReleasedValues {
  const peers = new Map<string, LockedConnectPeer>();
  for (const [owner, peer] of Object.entries(previous?.connectPeers ?? {})) if (!present.has(owner)) peers.set(owner, peer);
  for (const [owner, peer] of Object.entries(previous?.released.connectPeers ?? {})) if (!peers.has(owner)) peers.set(owner, peer);
  const insideBases = new Map<number, string>();
  const greAddresses = new Map<number, string>();
  const attachmentSlots = new Map<string, Map<number, number>>();
  for (const [owner, peer] of peers) {
    const base = parseCidr(peer.insideCidr)?.base;
    if (base !== undefined) insideBases.set(base, owner);
    const gre = parseIpv4(peer.tgwGreAddress);
    if (gre !== undefined) greAddresses.set(gre, owner);
    const match = CONNECT_ATTACHMENT_NAME.exec(peer.connectAttachment);
    const cluster = owner.split('/')[0]!;
    if (match?.[1] !== cluster) continue;
    const slots = attachmentSlots.get(cluster) ?? new Map<number, number>();
    slots.set(Number(match[2]), (slots.get(Number(match[2])) ?? 0) + 1);
    attachmentSlots.set(cluster, slots);
  }
  return { peers, insideBases, greAddresses, attachmentSlots };
}

const sameEntry = (a: LockedConnectPeer, b: LockedConnectPeer): boolean =>
  a.connectAttachment === b.connectAttachment && a.insideCidr === b.insideCidr && a.interfaceName === b.interfaceName && a.tgwGreAddress === b.tgwGreAddress;

/** The next lock's `released:` section: this build's removals when the peers change, else the previous section. */
export function nextReleased(previous: Lock | undefined, next: Readonly<Record<string, LockedConnectPeer>>): Record<string, LockedConnectPeer> {
  const before = previous?.connectPeers ?? {};
  const nextOwners = Object.keys(next);
  const unchanged = nextOwners.length === Object.keys(before).length && nextOwners.every((owner) => before[owner] !== undefined && sameEntry(before[owner], next[owner]!));
  if (unchanged) return { ...(previous?.released.connectPeers ?? {}) };
  return Object.fromEntries(Object.entries(before).filter(([owner]) => next[owner] === undefined));
}

/** Who held a released value (for the allocation-reuses-released warning, check/allocation-changes.ts). */
export function formerOwner(released: ReleasedValues, field: 'insideCidr' | 'tgwGreAddress', value: number): string {
  return (field === 'insideCidr' ? released.insideBases : released.greAddresses).get(value) ?? 'a removed peer';
}
