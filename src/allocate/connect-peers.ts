// Connect peers: one per peering node, across all clusters on the Transit Gateway. Each gets an inside
// /29 (unique on the TGW, never a reserved block), a TGW GRE address (unique on the TGW, from the TGW CIDR
// blocks), a Connect attachment of its cluster (at most four peers each) and a tunnel interface name.
import { INSIDE_CIDR_PREFIX, RESERVED_INSIDE_CIDRS } from '../check/aws-facts.js';
import type { MovedValue, ReusedValue } from '../model/allocation-changes.js';
import type { PeeringNodeSpec, Spec } from '../spec/schema.js';
import { containsAddress, containsNetwork, formatCidr, formatIpv4, networkSize, parseCidr, parseIpv4, type Ipv4Network } from '../net/ipv4.js';
import { CONNECT_ATTACHMENT_NAME, MAX_PEERS_PER_ATTACHMENT, type Lock, type LockedConnectPeer } from './lock.js';
import { formerOwner, nextReleased, releasedValues, type ReleasedValues } from './released.js';
import { allocateStable, type MovedAllocation } from './stable-pool.js';

const INSIDE_SIZE = networkSize(INSIDE_CIDR_PREFIX);
const RESERVED_BASES = new Set(RESERVED_INSIDE_CIDRS.map((c) => parseCidr(c)!.base));
export const isReservedInside = (base: number): boolean => RESERVED_BASES.has(base);

/** Linux IFNAMSIZ - 1 */
export const MAX_INTERFACE_NAME = 15;
const INTERFACE_PREFIX = 'tgw-';

/** `tgw-` + the TGW name reduced to [a-z0-9-] and cut to fit 15 characters. */
export function tunnelInterfaceName(transitGatewayName: string): string {
  const sanitized = transitGatewayName.toLowerCase().replace(/[^a-z0-9-]/g, '-');
  const cut = sanitized.slice(0, MAX_INTERFACE_NAME - INTERFACE_PREFIX.length).replace(/-+$/, '');
  return cut.length > 0 ? `${INTERFACE_PREFIX}${cut}` : 'tgw';
}

export const connectAttachmentName = (cluster: string, number: number): string => `${cluster}-connect-${number}`;
export const peerOwner = (cluster: string, node: string): string => `${cluster}/${node}`;

export interface AllocatedPeer {
  insideBase: number;
  tgwGreAddress: number;
  attachmentNumber: number;
  interfaceName: string;
}

export interface ConnectAllocation {
  /** keyed by `<cluster>/<node>` */
  peers: Map<string, AllocatedPeer>;
  lockEntries: Record<string, LockedConnectPeer>;
  /** the next lock's released: section (released.ts) */
  releasedEntries: Record<string, LockedConnectPeer>;
  /** lock values that moved, released values new peers had to take (reported by check/allocation-changes.ts) */
  moved: MovedValue[];
  reused: ReusedValue[];
}

interface NodeRef {
  owner: string;
  cluster: string;
  spec: PeeringNodeSpec;
}

/**
 * Assumes a checked spec (src/check): the pool, the blocks and every pin parse, pinned inside CIDRs are
 * valid, unreserved, in the pool and unique, pinned GRE addresses lie in a block, names are unique.
 */
export function allocateConnectPeers(spec: Spec, previous: Lock | undefined): ConnectAllocation {
  const tgw = spec.spec.transitGateway;
  const pool = parseCidr(tgw.insideCidrPool)!;
  // numeric order: new GRE addresses do not depend on the order the blocks are listed in
  const blocks = tgw.cidrBlocks.map((text) => parseCidr(text)!).sort((a, b) => a.base - b.base || a.prefix - b.prefix);
  const nodes: NodeRef[] = spec.spec.clusters.flatMap((cluster) =>
    cluster.peeringNodes.map((node) => ({ owner: peerOwner(cluster.name, node.name), cluster: cluster.name, spec: node })),
  );
  const previousPeers = new Map(Object.entries(previous?.connectPeers ?? {}));

  const pins = collectPins(nodes);

  const owners = nodes.map((n) => n.owner);
  const released = releasedValues(previous, new Set(owners));
  const inside = allocateStable({
    owners,
    pinned: pins.inside,
    previous: lockValues(previousPeers, (p) => parseCidr(p.insideCidr)?.base),
    inPool: (base) => containsNetwork(pool, { base, prefix: INSIDE_CIDR_PREFIX }) && !isReservedInside(base),
    candidates: () => insideCandidates(pool),
    avoid: released.insideBases,
  });
  const gre = allocateStable({
    owners,
    pinned: pins.gre,
    previous: lockValues(previousPeers, (p) => parseIpv4(p.tgwGreAddress)),
    inPool: (address) => blocks.some((b) => containsAddress(b, address)),
    candidates: () => greCandidates(blocks),
    avoid: released.greAddresses,
  });

  const describeInside = (base: number) => formatCidr({ base, prefix: INSIDE_CIDR_PREFIX });
  // The capacity check (check/capacity.ts) counted the pools against the nodes before allocation.
  if (inside.exhausted.length > 0 || gre.exhausted.length > 0) throw new Error('unchecked spec: the Connect peer pools are exhausted');
  const moved = [
    ...movedValues(inside.moved, 'insideCidr', describeInside, inside.values),
    ...movedValues(gre.moved, 'tgwGreAddress', formatIpv4, gre.values),
  ];
  const reused: ReusedValue[] = [
    ...inside.reused.map(({ owner, value }) => ({ owner, field: 'insideCidr' as const, text: describeInside(value), formerOwner: formerOwner(released, 'insideCidr', value) })),
    ...gre.reused.map(({ owner, value }) => ({ owner, field: 'tgwGreAddress' as const, text: formatIpv4(value), formerOwner: formerOwner(released, 'tgwGreAddress', value) })),
  ];

  const attachments = allocateAllAttachments(spec, previousPeers, released);
  const interfaceName = tunnelInterfaceName(tgw.name);
  const peers = new Map<string, AllocatedPeer>();
  const lockEntries: Record<string, LockedConnectPeer> = {};
  for (const node of nodes) {
    const peer: AllocatedPeer = {
      insideBase: inside.values.get(node.owner)!,
      tgwGreAddress: gre.values.get(node.owner)!,
      attachmentNumber: attachments.get(node.owner)!,
      interfaceName: previousPeers.get(node.owner)?.interfaceName ?? interfaceName,
    };
    peers.set(node.owner, peer);
    lockEntries[node.owner] = {
      connectAttachment: connectAttachmentName(node.cluster, peer.attachmentNumber),
      insideCidr: describeInside(peer.insideBase),
      interfaceName: peer.interfaceName,
      tgwGreAddress: formatIpv4(peer.tgwGreAddress),
    };
  }
  return { peers, lockEntries, releasedEntries: nextReleased(previous, lockEntries), moved, reused };
}

/** Pinned values by owner; the checks made sure they are valid and unique on the TGW. */
function collectPins(nodes: readonly NodeRef[]): { inside: Map<string, number>; gre: Map<string, number> } {
  const inside = new Map<string, number>();
  const gre = new Map<string, number>();
  for (const node of nodes) {
    const pin = node.spec.pin;
    if (pin?.insideCidr !== undefined) inside.set(node.owner, parseCidr(pin.insideCidr)!.base);
    if (pin?.tgwGreAddress !== undefined) gre.set(node.owner, parseIpv4(pin.tgwGreAddress)!);
  }
  return { inside, gre };
}

/** Attachment numbers of every node, cluster by cluster, keeping what the lock says and leaving released slots alone. */
function allocateAllAttachments(spec: Spec, previousPeers: ReadonlyMap<string, LockedConnectPeer>, released: ReleasedValues): Map<string, number> {
  const previous = new Map<string, number>();
  for (const [owner, peer] of previousPeers) {
    const match = CONNECT_ATTACHMENT_NAME.exec(peer.connectAttachment);
    if (match && owner.startsWith(`${match[1]}/`)) previous.set(owner, Number(match[2]));
  }
  const attachments = new Map<string, number>();
  for (const cluster of spec.spec.clusters) {
    const owners = cluster.peeringNodes.map((n) => peerOwner(cluster.name, n.name));
    for (const [owner, number] of allocateAttachments(owners, previous, released.attachmentSlots.get(cluster.name))) attachments.set(owner, number);
  }
  return attachments;
}

function lockValues(previous: ReadonlyMap<string, LockedConnectPeer>, read: (peer: LockedConnectPeer) => number | undefined): Map<string, number> {
  const values = new Map<string, number>();
  for (const [owner, peer] of previous) {
    const value = read(peer);
    if (value !== undefined) values.set(owner, value);
  }
  return values;
}

function* insideCandidates(pool: Ipv4Network): Iterable<number> {
  const end = pool.base + networkSize(pool.prefix);
  for (let base = pool.base; base < end; base += INSIDE_SIZE) if (!isReservedInside(base)) yield base;
}

/**
 * Every address of every block, in numeric order, except each block's first (network) and last address.
 * AWS's own default ("first available address") leaves open whether the network address is used;
 * egressc always sets the address explicitly and stays clear of both ends.
 */
function* greCandidates(blocks: readonly Ipv4Network[]): Iterable<number> {
  for (const block of blocks) {
    const last = block.base + networkSize(block.prefix) - 1;
    for (let address = block.base + 1; address < last; address++) yield address;
  }
}

/**
 * Connect attachments of one cluster, numbered from 1, at most four peers each. Peers keep their
 * attachment from the lock (while it has room); new peers, in name order, take the lowest-numbered
 * attachment with a free slot, not counting slots released in this edit (`released`: number → slots; a
 * new peer there could be created before the old one is destroyed, a fifth peer AWS refuses). An
 * attachment nobody is on simply no longer appears.
 */
export function allocateAttachments(owners: readonly string[], previous: ReadonlyMap<string, number>, released: ReadonlyMap<number, number> = new Map()): Map<string, number> {
  const sorted = [...new Set(owners)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const result = new Map<string, number>();
  const load = new Map<number, number>();
  const take = (owner: string, number: number) => {
    result.set(owner, number);
    load.set(number, (load.get(number) ?? 0) + 1);
  };
  const waiting: string[] = [];
  for (const owner of sorted) {
    const number = previous.get(owner);
    if (number !== undefined && number >= 1 && (load.get(number) ?? 0) < MAX_PEERS_PER_ATTACHMENT) take(owner, number);
    else waiting.push(owner);
  }
  let number = 1;
  for (const owner of waiting) {
    while ((load.get(number) ?? 0) + (released.get(number) ?? 0) >= MAX_PEERS_PER_ATTACHMENT) number++;
    take(owner, number);
  }
  return result;
}

function movedValues(moves: readonly MovedAllocation[], field: MovedValue['field'], format: (value: number) => string, values: ReadonlyMap<string, number>): MovedValue[] {
  return moves.map((move) => ({
    owner: move.owner,
    field,
    from: format(move.from),
    to: format(values.get(move.owner)!),
    reason: move.reason,
  }));
}
