// Connect peers: one per peering node, across all clusters on the Transit Gateway. Each gets an inside
// /29 (unique on the TGW, never a reserved block), a TGW GRE address (unique on the TGW, from the TGW CIDR
// blocks), a Connect attachment of its cluster (at most four peers each) and a tunnel interface name.
import type { Diagnostic, SpecPath } from '../diagnostics/types.js';
import type { Spec } from '../spec/schema.js';
import { specDiagnostic, type SpecLocation } from './diagnose.js';
import { containsAddress, containsNetwork, formatCidr, formatIpv4, networkSize, parseCidr, parseIpv4, type Ipv4Network } from './ipv4.js';
import { CONNECT_ATTACHMENT_NAME, MAX_PEERS_PER_ATTACHMENT, type Lock, type LockedConnectPeer } from './lock.js';
import { allocateStable, type MovedAllocation } from './stable-pool.js';

/** AWS: inside CIDRs of Connect peers are /29s from 169.254.0.0/16. */
export const LINK_LOCAL: Ipv4Network = { base: parseIpv4('169.254.0.0')!, prefix: 16, canonical: true };
export const INSIDE_PREFIX = 29;
const INSIDE_SIZE = networkSize(INSIDE_PREFIX);
/** AWS rejects these seven /29s as inside CIDRs. */
export const RESERVED_INSIDE_CIDRS: readonly string[] = [
  '169.254.0.0/29',
  '169.254.1.0/29',
  '169.254.2.0/29',
  '169.254.3.0/29',
  '169.254.4.0/29',
  '169.254.5.0/29',
  '169.254.169.248/29',
];
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
  diagnostics: Diagnostic[];
}

interface NodeRef {
  owner: string;
  cluster: string;
  node: string;
  path: SpecPath;
}

const TGW_PATH: SpecPath = ['spec', 'transitGateway'];

export function allocateConnectPeers(spec: Spec, previous: Lock | undefined, where: SpecLocation): ConnectAllocation {
  const diagnostics: Diagnostic[] = [];
  const error = (code: string, path: SpecPath, message: string, hint: string) => diagnostics.push(specDiagnostic(where, 'error', code, path, message, hint));
  const tgw = spec.spec.transitGateway;

  const pool = parseCidr(tgw.insideCidrPool);
  const poolPath = [...TGW_PATH, 'insideCidrPool'];
  if (!pool || !pool.canonical || !containsNetwork(LINK_LOCAL, pool) || pool.prefix > INSIDE_PREFIX) {
    error('pool-invalid', poolPath, `insideCidrPool ${tgw.insideCidrPool} is not a network of /29s inside 169.254.0.0/16.`, 'Use a CIDR like 169.254.0.0/16 or 169.254.100.0/22 (no host bits, prefix /29 or shorter).');
  }
  const blocks: Ipv4Network[] = [];
  tgw.cidrBlocks.forEach((text, index) => {
    const block = parseCidr(text);
    if (!block || !block.canonical) {
      error('pool-invalid', [...TGW_PATH, 'cidrBlocks', index], `Transit Gateway CIDR block ${text} is not an IPv4 network.`, 'Write a CIDR like 192.0.2.0/24 (no host bits).');
    } else blocks.push(block);
  });

  const nodes: NodeRef[] = spec.spec.clusters.flatMap((cluster, ci) =>
    cluster.peeringNodes.map((node, ni) => ({
      owner: peerOwner(cluster.name, node.name),
      cluster: cluster.name,
      node: node.name,
      path: ['spec', 'clusters', ci, 'peeringNodes', ni] as SpecPath,
    })),
  );
  const nodeByOwner = new Map(nodes.map((n) => [n.owner, n]));
  const seen = new Set<string>();
  for (const node of nodes) {
    if (seen.has(node.owner)) {
      error('duplicate-name', [...node.path, 'name'], `Cluster ${node.cluster} has two peering nodes named ${node.node}.`, 'Give every peering node of a cluster its own name; the name keys its allocations in the lock.');
    }
    seen.add(node.owner);
  }
  const previousPeers = new Map(Object.entries(previous?.connectPeers ?? {}));
  if (!pool || diagnostics.length > 0) return { peers: new Map(), lockEntries: {}, diagnostics };

  // Pins, validated for what allocation needs.
  const insidePins = new Map<string, number>();
  const grePins = new Map<string, number>();
  const insidePinOwner = new Map<number, string>();
  const grePinOwner = new Map<number, string>();
  spec.spec.clusters.forEach((cluster, ci) =>
    cluster.peeringNodes.forEach((node, ni) => {
      const owner = peerOwner(cluster.name, node.name);
      const pinPath: SpecPath = ['spec', 'clusters', ci, 'peeringNodes', ni, 'pin'];
      if (node.pin?.insideCidr !== undefined) {
        const text = node.pin.insideCidr;
        const path = [...pinPath, 'insideCidr'];
        const network = parseCidr(text);
        if (!network || !network.canonical || network.prefix !== INSIDE_PREFIX) {
          error('pin-invalid', path, `Pinned inside CIDR ${text} is not an aligned /29.`, 'Pin the /29 of the existing Connect peer, e.g. 169.254.8.8/29.');
        } else if (!containsNetwork(LINK_LOCAL, network)) {
          error('pin-invalid', path, `Pinned inside CIDR ${text} is outside 169.254.0.0/16, where AWS requires Connect peer inside CIDRs.`, 'Pin a /29 from 169.254.0.0/16.');
        } else if (isReservedInside(network.base)) {
          error('pin-reserved', path, `Pinned inside CIDR ${text} is one of the seven /29s AWS reserves (${RESERVED_INSIDE_CIDRS.join(', ')}).`, 'Pin another /29, or remove the pin to have one allocated.');
        } else if (insidePinOwner.has(network.base)) {
          error('pin-conflict', path, `Inside CIDR ${text} is pinned by both ${insidePinOwner.get(network.base)} and ${owner}; inside CIDRs must be unique on the Transit Gateway.`, 'Remove one of the two pins.');
        } else {
          insidePins.set(owner, network.base);
          insidePinOwner.set(network.base, owner);
        }
      }
      if (node.pin?.tgwGreAddress !== undefined) {
        const text = node.pin.tgwGreAddress;
        const path = [...pinPath, 'tgwGreAddress'];
        const address = parseIpv4(text);
        if (address === undefined) {
          error('pin-invalid', path, `Pinned TGW GRE address ${text} is not an IPv4 address.`, 'Pin an address like 192.0.2.10.');
        } else if (!blocks.some((b) => containsAddress(b, address))) {
          error('pin-invalid', path, `Pinned TGW GRE address ${text} is in none of the Transit Gateway CIDR blocks (${tgw.cidrBlocks.join(', ')}).`, 'Pin an address from a TGW CIDR block, or add the block it belongs to.');
        } else if (grePinOwner.has(address)) {
          error('pin-conflict', path, `TGW GRE address ${text} is pinned by both ${grePinOwner.get(address)} and ${owner}; GRE addresses must be unique on the Transit Gateway.`, 'Remove one of the two pins.');
        } else {
          grePins.set(owner, address);
          grePinOwner.set(address, owner);
        }
      }
    }),
  );
  if (diagnostics.length > 0) return { peers: new Map(), lockEntries: {}, diagnostics };

  const owners = nodes.map((n) => n.owner);
  const inside = allocateStable({
    owners,
    pinned: insidePins,
    previous: lockValues(previousPeers, (p) => parseCidr(p.insideCidr)?.base),
    inPool: (base) => containsNetwork(pool, { base, prefix: INSIDE_PREFIX }) && !isReservedInside(base),
    candidates: () => insideCandidates(pool),
  });
  const gre = allocateStable({
    owners,
    pinned: grePins,
    previous: lockValues(previousPeers, (p) => parseIpv4(p.tgwGreAddress)),
    inPool: (address) => blocks.some((b) => containsAddress(b, address)),
    candidates: () => greCandidates(blocks),
  });

  const describeInside = (base: number) => formatCidr({ base, prefix: INSIDE_PREFIX });
  reportMoves(inside.moved, 'inside CIDR', describeInside, inside.values, `insideCidrPool ${tgw.insideCidrPool}`, nodeByOwner, diagnostics, where);
  reportMoves(gre.moved, 'TGW GRE address', formatIpv4, gre.values, `the TGW CIDR blocks (${tgw.cidrBlocks.join(', ')})`, nodeByOwner, diagnostics, where);
  if (inside.exhausted.length > 0) {
    error(
      'pool-exhausted',
      poolPath,
      `insideCidrPool ${tgw.insideCidrPool} has no free /29 left for the Connect peers of ${inside.exhausted.join(', ')} (${owners.length} peers on the Transit Gateway need one each; the pool holds ${countInside(pool)} usable /29s).`,
      'Set transitGateway.insideCidrPool to a larger range of 169.254.0.0/16 (the default is all of it), or remove peering nodes.',
    );
  }
  if (gre.exhausted.length > 0) {
    error(
      'pool-exhausted',
      [...TGW_PATH, 'cidrBlocks'],
      `The Transit Gateway CIDR blocks (${tgw.cidrBlocks.join(', ')}) have no free GRE address left for the Connect peers of ${gre.exhausted.join(', ')}.`,
      'Add another CIDR block (/24 or larger, at most 5 per Transit Gateway) to transitGateway.cidrBlocks, or use a larger block.',
    );
  }
  if (inside.exhausted.length > 0 || gre.exhausted.length > 0) return { peers: new Map(), lockEntries: {}, diagnostics };

  const attachments = new Map<string, number>();
  for (const cluster of spec.spec.clusters) {
    const clusterOwners = cluster.peeringNodes.map((n) => peerOwner(cluster.name, n.name));
    const previousNumbers = lockValues(previousPeers, (p) => {
      const match = CONNECT_ATTACHMENT_NAME.exec(p.connectAttachment);
      return match?.[1] === cluster.name ? Number(match[2]) : undefined;
    });
    for (const [owner, number] of allocateAttachments(clusterOwners, previousNumbers)) attachments.set(owner, number);
  }

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
  return { peers, lockEntries, diagnostics };
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
 * Every address of every block, in spec order, except each block's first (network) and last address.
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
 * attachment with a free slot. An attachment nobody is on simply no longer appears.
 */
export function allocateAttachments(owners: readonly string[], previous: ReadonlyMap<string, number>): Map<string, number> {
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
    while ((load.get(number) ?? 0) >= MAX_PEERS_PER_ATTACHMENT) number++;
    take(owner, number);
  }
  return result;
}

function reportMoves(
  moves: readonly MovedAllocation[],
  what: string,
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
    const reason =
      move.reason.kind === 'pinned'
        ? `${move.reason.by} pins ${what} ${format(move.from)}, which the lock gave to ${move.owner}`
        : `the lock's ${what} ${format(move.from)} of ${move.owner} is no longer in ${poolName}`;
    const path = move.reason.kind === 'pinned' ? pinPathOf(nodes.get(move.reason.by)!, what) : node.path;
    diagnostics.push(
      specDiagnostic(
        where,
        'warning',
        'allocation-moved',
        path,
        `${capitalize(reason)}; ${move.owner} moves to ${to}, which replaces its Connect peer (its BGP sessions go down).`,
        'Expected if you meant to change this; otherwise restore the previous pin or pool so the peer keeps its value.',
      ),
    );
  }
}

const pinPathOf = (node: NodeRef, what: string): SpecPath => [...node.path, 'pin', what === 'inside CIDR' ? 'insideCidr' : 'tgwGreAddress'];
const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
