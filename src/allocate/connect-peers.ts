// Connect peers: one per peering node, across all clusters on the Transit Gateway. Each gets an inside
// /29 (unique on the TGW, never a reserved block), a TGW GRE address (unique on the TGW, from the TGW CIDR
// blocks), a Connect attachment of its cluster (at most four peers each) and a tunnel interface name.
import { INSIDE_CIDR_PREFIX, RESERVED_INSIDE_CIDRS } from '../check/aws-facts.js';
import type { Diagnostic, SpecPath } from '../diagnostics/types.js';
import type { PeeringNodeSpec, Spec } from '../spec/schema.js';
import { specDiagnostic, type SpecLocation } from './diagnose.js';
import { containsAddress, containsNetwork, formatCidr, formatIpv4, networkSize, parseCidr, parseIpv4, type Ipv4Network } from './ipv4.js';
import { CONNECT_ATTACHMENT_NAME, MAX_PEERS_PER_ATTACHMENT, type Lock, type LockedConnectPeer } from './lock.js';
import { nextReleased, releasedValues, reuseDiagnostic, type ReleasedValues } from './released.js';
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
  /** keyed by `<cluster>/<node>`; missing owners had an error */
  peers: Map<string, AllocatedPeer>;
  lockEntries: Record<string, LockedConnectPeer>;
  /** the next lock's released: section (released.ts) */
  releasedEntries: Record<string, LockedConnectPeer>;
  diagnostics: Diagnostic[];
}

interface NodeRef {
  owner: string;
  cluster: string;
  spec: PeeringNodeSpec;
  path: SpecPath;
}

const TGW_PATH: SpecPath = ['spec', 'transitGateway'];

/**
 * Assumes a checked spec (src/check): the pool, the blocks and every pin parse, pinned inside CIDRs are
 * valid, unreserved, in the pool and unique, pinned GRE addresses lie in a block, names are unique.
 */
export function allocateConnectPeers(spec: Spec, previous: Lock | undefined, where: SpecLocation): ConnectAllocation {
  const tgw = spec.spec.transitGateway;
  const pool = parseCidr(tgw.insideCidrPool)!;
  // numeric order: new GRE addresses do not depend on the order the blocks are listed in
  const blocks = tgw.cidrBlocks.map((text) => parseCidr(text)!).sort((a, b) => a.base - b.base || a.prefix - b.prefix);
  const nodes: NodeRef[] = spec.spec.clusters.flatMap((cluster, ci) =>
    cluster.peeringNodes.map((node, ni) => ({ owner: peerOwner(cluster.name, node.name), cluster: cluster.name, spec: node, path: ['spec', 'clusters', ci, 'peeringNodes', ni] })),
  );
  const nodeByOwner = new Map(nodes.map((n) => [n.owner, n]));
  const previousPeers = new Map(Object.entries(previous?.connectPeers ?? {}));
  const failed = (diagnostics: Diagnostic[]): ConnectAllocation => ({ peers: new Map(), lockEntries: {}, releasedEntries: {}, diagnostics });

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

  const diagnostics: Diagnostic[] = [];
  const describeInside = (base: number) => formatCidr({ base, prefix: INSIDE_CIDR_PREFIX });
  reportMoves(inside.moved, 'insideCidr', describeInside, inside.values, `insideCidrPool ${tgw.insideCidrPool}`, nodeByOwner, diagnostics, where);
  reportMoves(gre.moved, 'tgwGreAddress', formatIpv4, gre.values, `the TGW CIDR blocks (${tgw.cidrBlocks.join(', ')})`, nodeByOwner, diagnostics, where);
  if (inside.exhausted.length > 0) {
    diagnostics.push(
      specDiagnostic(
        where,
        'error',
        'pool-exhausted',
        [...TGW_PATH, 'insideCidrPool'],
        `insideCidrPool ${tgw.insideCidrPool} has no free /29 left for the Connect peers of ${someOf(inside.exhausted)} (${owners.length} peers on the Transit Gateway need one each; the pool holds ${countInside(pool)} usable /29s).`,
        'Set transitGateway.insideCidrPool to a larger range of 169.254.0.0/16 (the default is all of it), or remove peering nodes.',
      ),
    );
  }
  if (gre.exhausted.length > 0) {
    diagnostics.push(
      specDiagnostic(
        where,
        'error',
        'pool-exhausted',
        [...TGW_PATH, 'cidrBlocks'],
        `The Transit Gateway CIDR blocks (${tgw.cidrBlocks.join(', ')}) have no free GRE address left for the Connect peers of ${someOf(gre.exhausted)}.`,
        'Add another CIDR block (/24 or larger, at most 5 per Transit Gateway) to transitGateway.cidrBlocks, or use a larger block.',
      ),
    );
  }
  if (inside.exhausted.length > 0 || gre.exhausted.length > 0) return failed(diagnostics);
  for (const { owner, value } of inside.reused) {
    diagnostics.push(reuseDiagnostic(where, { owner, field: 'insideCidr', value, text: describeInside(value), path: nodeByOwner.get(owner)!.path }, released, `insideCidrPool ${tgw.insideCidrPool}`));
  }
  for (const { owner, value } of gre.reused) {
    diagnostics.push(reuseDiagnostic(where, { owner, field: 'tgwGreAddress', value, text: formatIpv4(value), path: nodeByOwner.get(owner)!.path }, released, `the TGW CIDR blocks (${tgw.cidrBlocks.join(', ')})`));
  }

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
  return { peers, lockEntries, releasedEntries: nextReleased(previous, lockEntries), diagnostics };
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

/** At most five names, then how many more: diagnostics stay readable at thousands of nodes. */
function someOf(names: readonly string[]): string {
  return names.length <= 5 ? names.join(', ') : `${names.slice(0, 5).join(', ')} and ${names.length - 5} more`;
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

function countInside(pool: Ipv4Network): number {
  let count = 0;
  for (const _ of insideCandidates(pool)) count++;
  return count;
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

function reportMoves(
  moves: readonly MovedAllocation[],
  field: 'insideCidr' | 'tgwGreAddress',
  format: (value: number) => string,
  values: ReadonlyMap<string, number>,
  poolName: string,
  nodes: ReadonlyMap<string, NodeRef>,
  diagnostics: Diagnostic[],
  where: SpecLocation,
): void {
  for (const move of moves) {
    const node = nodes.get(move.owner)!;
    const now = values.get(move.owner);
    const to = now === undefined ? 'nothing (see the pool-exhausted error)' : format(now);
    const label = field === 'insideCidr' ? 'inside CIDR' : 'TGW GRE address';
    const reason =
      move.reason.kind === 'pinned'
        ? `The pin of ${move.reason.by} takes ${label} ${format(move.from)}, which the lock gave to ${move.owner}`
        : `The lock's ${label} ${format(move.from)} of ${move.owner} is no longer in ${poolName}`;
    const path = move.reason.kind === 'pinned' ? [...nodes.get(move.reason.by)!.path, 'pin', field] : node.path;
    diagnostics.push(
      specDiagnostic(
        where,
        'warning',
        'allocation-moved',
        path,
        `${reason}; ${move.owner} moves to ${to}, which replaces its Connect peer (its BGP sessions go down).`,
        'Expected if you meant to change this; otherwise restore the previous pin or pool so the peer keeps its value.',
      ),
    );
  }
}
