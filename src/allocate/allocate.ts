// Turns a checked spec plus the previous lock into the resolved model and the next lock.
import type { SourceFile } from '../load/source.js';
import type { AllocationChanges } from '../model/allocation-changes.js';
import type { Cluster, ConnectAttachment, PeeringNode, Topology } from '../model/types.js';
import type { ClusterSpec, PeeringNodeSpec, Spec } from '../spec/schema.js';
import { INSIDE_CIDR_PREFIX } from '../check/aws-facts.js';
import { allocateConnectPeers, connectAttachmentName, peerOwner, type AllocatedPeer } from './connect-peers.js';
import { allocateFirewallIds } from './firewall-ids.js';
import { planFirewallRules } from '../model/firewall-rules.js';
import { formatCidr, formatIpv4 } from '../net/ipv4.js';
import { inCanonicalOrder } from '../model/canonical-order.js';
import { LOCK_API_VERSION, LOCK_KIND, type Lock } from './lock.js';
import { parseCalicoVersion } from '../facts/calico-versions.js';
import { homeNet, resolveEgressGateways, resolveLogging, resolveServices, resolveTemplates, resolveVpcs } from './resolve-model.js';

export interface AllocateContext {
  previousLock?: Lock;
  /** files the spec references, keyed by the path as written in the spec */
  files: ReadonlyMap<string, SourceFile>;
}

export interface Allocation {
  model: Topology;
  lock: Lock;
  /** what moved or changed against the previous lock, for check/allocation-changes.ts to report */
  changes: AllocationChanges;
}

/** AWS's Connect guidance: tunnel MTU = outer interface MTU - 24 (GRE header) - 20 (outer IPv4 header). */
export const GRE_OVERHEAD = 44;
/** The TGW carries at most 8500-byte packets, so a jumbo-frame tunnel may not exceed 8500 - 44. */
export const MAX_TUNNEL_MTU = 8456;
/** Outer TTL of the GRE packets: the maximum, so the VPC path to the TGW never limits the tunnel. */
export const TUNNEL_TTL = 255;

/**
 * Allocation trusts a checked spec (src/check, run first by src/analyze.ts): addresses parse, pins are
 * valid, names are unique, references resolve, templates were read, and the pools and the rule group
 * hold what the spec needs (check/capacity.ts). It reports nothing; what it changed against the lock is
 * returned as data.
 */
export function allocate(spec: Spec, context: AllocateContext): Allocation {
  const previous = context.previousLock;
  const connect = allocateConnectPeers(spec, previous);
  const firewallIds = allocateFirewallIds(spec, planFirewallRules(spec), previous);

  const vpcs = resolveVpcs(spec);
  const clusters = spec.spec.clusters.map((cluster, index) => resolveCluster(cluster, index, connect.peers, context.files));
  const firewall = spec.spec.firewall;
  const model: Topology = inCanonicalOrder({
    name: spec.metadata.name,
    ...(spec.metadata.description !== undefined ? { description: spec.metadata.description } : {}),
    aws: { region: spec.spec.aws.region, availabilityZones: [...spec.spec.aws.availabilityZones] },
    ...(spec.spec.terraform ? { terraform: { root: spec.spec.terraform.root } } : {}),
    transitGateway: {
      name: spec.spec.transitGateway.name,
      amazonSideAsn: spec.spec.transitGateway.amazonSideAsn,
      cidrBlocks: [...spec.spec.transitGateway.cidrBlocks],
      insideCidrPool: spec.spec.transitGateway.insideCidrPool,
      routeTables: { ...spec.spec.transitGateway.routeTables },
    },
    vpcs,
    clusters,
    services: resolveServices(spec),
    firewall: {
      name: firewall.name,
      vpc: firewall.vpc,
      ruleGroup: { name: firewall.ruleGroup.name, capacity: firewallIds.capacity },
      ruleOrder: firewall.ruleOrder,
      defaultAction: firewall.defaultAction,
      homeNet: homeNet(vpcs, clusters.flatMap((c) => c.egressGateways)),
      rules: firewallIds.rules,
      protectedServices: [...firewall.protect],
      logging: resolveLogging(firewall),
    },
  });
  const lock: Lock = {
    apiVersion: LOCK_API_VERSION,
    kind: LOCK_KIND,
    connectPeers: connect.lockEntries,
    released: { connectPeers: connect.releasedEntries },
    firewall: { ruleGroupCapacity: firewallIds.capacity, rules: firewallIds.lockRules },
  };
  const changes: AllocationChanges = { moved: connect.moved, reused: connect.reused, ...(firewallIds.capacityChange ? { capacity: firewallIds.capacityChange } : {}) };
  return { model, lock, changes };
}

function resolveCluster(cluster: ClusterSpec, specIndex: number, peers: ReadonlyMap<string, AllocatedPeer>, files: ReadonlyMap<string, SourceFile>): Cluster {
  const nodes = cluster.peeringNodes.map((node, index) => resolveNode(cluster.name, node, index, peers.get(peerOwner(cluster.name, node.name))!));
  return {
    name: cluster.name,
    specIndex,
    vpc: cluster.vpc,
    calico: parseCalicoVersion(cluster.calico),
    asNumber: cluster.asNumber,
    nodeToNodeMesh: cluster.nodeToNodeMesh,
    nextHopToTransitGateway: cluster.nextHopToTransitGateway,
    advertiseGatewayRoutes: cluster.advertiseGatewayRoutes,
    encapsulation: cluster.encapsulation,
    ...(cluster.podCidr !== undefined ? { podCidr: cluster.podCidr } : {}),
    importFromTransitGateway: [...cluster.importFromTransitGateway],
    multihop: { strategy: cluster.multihop.strategy, templates: resolveTemplates(cluster, files) },
    hostNetwork: cluster.hostNetwork,
    nodes,
    egressGateways: resolveEgressGateways(cluster),
    connectAttachments: attachmentsOf(cluster.name, nodes),
  };
}

function resolveNode(cluster: string, node: PeeringNodeSpec, specIndex: number, peer: AllocatedPeer): PeeringNode {
  const base = peer.insideBase;
  const tgwGreAddress = formatIpv4(peer.tgwGreAddress);
  return {
    name: node.name,
    specIndex,
    nodeName: node.nodeName ?? node.name,
    vpcIp: node.vpcIp,
    availabilityZone: node.availabilityZone,
    eniMtu: node.eniMtu,
    connectPeer: {
      insideCidr: formatCidr({ base, prefix: INSIDE_CIDR_PREFIX }),
      nodeBgpAddress: formatIpv4(base + 1),
      tgwBgpAddresses: [formatIpv4(base + 2), formatIpv4(base + 3)],
      tgwGreAddress,
      peerAddress: node.vpcIp,
      attachment: connectAttachmentName(cluster, peer.attachmentNumber),
    },
    tunnel: {
      interfaceName: peer.interfaceName,
      mode: 'gre',
      local: node.vpcIp,
      remote: tgwGreAddress,
      ttl: TUNNEL_TTL,
      mtu: Math.min(node.eniMtu - GRE_OVERHEAD, MAX_TUNNEL_MTU),
    },
  };
}

function attachmentsOf(cluster: string, nodes: readonly PeeringNode[]): ConnectAttachment[] {
  const byName = new Map<string, string[]>();
  for (const node of nodes) {
    const name = node.connectPeer.attachment;
    byName.set(name, [...(byName.get(name) ?? []), node.name]);
  }
  return [...byName.entries()]
    .map(([name, peers]) => ({ name, cluster, number: Number(name.slice(`${cluster}-connect-`.length)), peers: peers.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) }))
    .sort((a, b) => a.number - b.number);
}
