// What calico-node's confd renders into BIRD 1.6 for one node's Transit Gateway peers, as plain data:
// the BGPFilter's import/export functions and one `protocol bgp` per TGW BGP address (N+2, N+3).
// The template (templates/bird/peers.conf.hbs) only lays this out as text.
import type { Cluster, MultihopStrategy, PeeringNode, Topology } from '../../model/types.js';
// The BGPFilter and BGPPeers this file renders are the Calico emitter's: same names, same pools.
import { tgwExportRules, tgwImportRules, type FilterRule } from '../calico/bgp-filter.js';
import { bgpFilterFunctionName, tgwFilterName, tgwPeerName } from '../../render/calico/names.js';
import { nextHopFields } from '../calico/bgp-peers.js';
import { calicoFeatures } from '../../facts/calico-versions.js';

/**
 * How the session reaches the TGW speaker. `multihop` is what both strategies end in (templatePatch by
 * the patch, interfaceRoute because a /32 tunnel address makes the peer not directly connected);
 * `direct` is the stock Calico Enterprise rendering for a directly connected peer, kept for the live
 * negative control that shows why the patch is needed.
 */
export type PeerConnection = 'multihop' | 'direct';

/** One BGPFilter rule as confd renders it into a BIRD statement. */
export interface BirdFilterRule {
  /** `matchOperator: In`: the prefix itself and everything inside it (`net ~ cidr`); none: every route */
  cidr?: string;
  /** `source: RemotePeers`: only routes BIRD learned over BGP (confd's test of `source` against RTS_BGP) */
  learnedOnly: boolean;
  action: 'accept' | 'reject';
}

export interface BirdFilterFunction {
  name: string;
  /** the BGPFilter's rules in order (its last rule rejects everything) */
  rules: BirdFilterRule[];
}

export interface BirdPeerProtocol {
  /** confd's name for a node-specific BGPPeer: Node_<peer IP with "_"> */
  name: string;
  /** the BGPPeer resource it comes from */
  bgpPeer: string;
  description: string;
  localAs: number;
  neighbor: string;
  peerAs: number;
  connection: PeerConnection;
  /** why this connection mode, for the comment above the block */
  reason: string;
  /** `next hop keep|self;` as confd renders the BGPPeer's nextHopMode / keepOriginalNextHop; none when neither is set */
  nextHop?: 'keep' | 'self';
}

export interface BirdPeersView {
  cluster: string;
  node: string;
  nodeName: string;
  strategy: MultihopStrategy;
  nodeBgpAddress: string;
  insideCidr: string;
  filterName: string;
  importFunction: BirdFilterFunction;
  exportFunction: BirdFilterFunction;
  /** advertiseGatewayRoutes hostingNode: the export function starts by rejecting pool routes learned from other nodes */
  hostedOnly: boolean;
  protocols: BirdPeerProtocol[];
}

const birdRule = (rule: FilterRule): BirdFilterRule => ({
  ...(rule.cidr !== undefined ? { cidr: rule.cidr } : {}),
  learnedOnly: rule.source === 'RemotePeers',
  action: rule.action === 'Accept' ? 'accept' : 'reject',
});

/** confd's protocol name for a node-specific BGPPeer with this peer IP. */
export const nodePeerProtocolName = (peerIp: string): string => `Node_${peerIp.replace(/[.:]/g, '_')}`;

const REASONS: Record<MultihopStrategy | 'unpatched', string> = {
  templatePatch: 'multihop: the patched confd template renders multihop for TGW peers (169.254.0.0/16) although the /29 is directly connected',
  interfaceRoute: 'multihop: the tunnel holds the BGP address as a /32, so confd does not see the TGW peer as directly connected',
  unpatched: 'direct: the stock template for a directly connected peer (sourceAddress None makes the /29 directly connected)',
};

export interface BirdPeersOptions {
  /** `direct` renders the unpatched template's output (negative control); default multihop */
  connection?: PeerConnection;
}

export function birdPeersView(model: Topology, cluster: Cluster, node: PeeringNode, options: BirdPeersOptions = {}): BirdPeersView {
  const connection = options.connection ?? 'multihop';
  const filterName = tgwFilterName(model.transitGateway);
  const peer = node.connectPeer;
  const reason = connection === 'direct' ? REASONS.unpatched : REASONS[cluster.multihop.strategy];
  // the same fields the BGPPeers carry (bgp-peers.ts): keepOriginalNextHop renders `next hop keep` too
  const fields = nextHopFields(cluster, calicoFeatures(cluster.calico));
  const mode = fields.nextHopMode ?? (fields.keepOriginalNextHop ? 'Keep' : undefined);
  const nextHop: { nextHop?: 'keep' | 'self' } = mode === 'Keep' ? { nextHop: 'keep' } : mode === 'Self' ? { nextHop: 'self' } : {};
  return {
    cluster: cluster.name,
    node: node.name,
    nodeName: node.nodeName,
    strategy: cluster.multihop.strategy,
    nodeBgpAddress: peer.nodeBgpAddress,
    insideCidr: peer.insideCidr,
    filterName,
    importFunction: { name: bgpFilterFunctionName(filterName, 'import'), rules: tgwImportRules(cluster).map(birdRule) },
    exportFunction: { name: bgpFilterFunctionName(filterName, 'export'), rules: tgwExportRules(cluster).map(birdRule) },
    hostedOnly: cluster.advertiseGatewayRoutes === 'hostingNode',
    protocols: peer.tgwBgpAddresses.map((address, index) => ({
      name: nodePeerProtocolName(address),
      bgpPeer: tgwPeerName(cluster, node, index === 0 ? 0 : 1),
      description: `${model.transitGateway.name} BGP address ${index + 1} of ${peer.attachment} (${peer.insideCidr})`,
      localAs: cluster.asNumber,
      neighbor: address,
      peerAs: model.transitGateway.amazonSideAsn,
      connection,
      reason,
      ...nextHop,
    })),
  };
}
