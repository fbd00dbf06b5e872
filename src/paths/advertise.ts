// Which Connect peers advertise a gateway's egress addresses to the TGW, and so which tunnels carry the
// replies (aws.md A.1 "Which tunnel carries return traffic"): the TGW forwards a route into the GRE tunnel
// of the peer that advertised it, never to a third-party BGP next hop. Whether it installs a route whose
// NEXT_HOP is another node (what `next hop keep` sends for a /32 learned over the node mesh) is
// undocumented, so the model says when a path depends on it.
import type { Cluster, EgressGateway, PeeringNode } from '../model/types.js';

export interface ReturnRouting {
  /** BGP NEXT_HOP towards the TGW: the node's own tunnel address (self) or the hosting node's (keep) */
  nextHop: 'self' | 'keep';
  /** whether a peer re-advertises gateway /32s it learned from other nodes (allPeers) or only its own (hostingNode) */
  advertise: 'allPeers' | 'hostingNode';
  /** where the gateway's pods may run: on Connect-peer nodes, on nodes of the user's nodeSelector (peers or not: egressc cannot tell), anywhere */
  placement: 'connectPeers' | 'selector' | 'anyNode';
}

/** The return routing the Calico emitter configures for this cluster and gateway. */
export function returnRouting(cluster: Cluster, gateway: EgressGateway): ReturnRouting {
  return {
    nextHop: cluster.nextHopToTransitGateway,
    // hostingNode: the TGW peers' BGPFilter rejects pool routes learned from other nodes (emit/calico/bgp-filter.ts);
    // without the node mesh (and no route reflectors in the spec) a node learns no other node's /32s anyway
    advertise: cluster.advertiseGatewayRoutes === 'hostingNode' || !cluster.nodeToNodeMesh ? 'hostingNode' : 'allPeers',
    placement: gateway.placement === 'connectPeers' ? 'connectPeers' : gateway.nodeSelector.length > 0 ? 'selector' : 'anyNode',
  };
}

export interface Advertisement {
  routing: ReturnRouting;
  /** peers that may advertise the gateway's /32s to the TGW (ECMP among those that do) */
  advertisers: PeeringNode[];
  /** only the peer hosting the gateway advertises (else every peer of the cluster may) */
  hostingPeerOnly: boolean;
  /** the path relies on the TGW installing routes whose NEXT_HOP is another node (undocumented) */
  dependsOnUndocumented: boolean;
  /** a gateway on a node without a Connect peer has no route back, or only an undocumented one */
  nonPeerHostUnreachable: 'never' | 'always' | 'undocumented';
  /** the gateway may run on a node without a Connect peer (certainly: anyNode; perhaps: a user nodeSelector) */
  mayRunOffPeers: 'no' | 'perhaps' | 'yes';
  /** replies may enter the cluster through a peer that does not host the gateway and be relayed inside */
  relayed: boolean;
  /** one sentence for the trace */
  description: string;
}

/**
 * Who advertises the gateway's /32s. The hosting node advertises its own /32 (with blockSize 32 each
 * address is a block); with the node mesh every other peer learns it and re-advertises it to the TGW
 * unless a filter keeps it to the hosting node. With `next hop keep` those re-advertisements carry the
 * hosting node's address as NEXT_HOP, which the TGW cannot use (A.1).
 */
export function advertisement(cluster: Cluster, gateway: EgressGateway): Advertisement {
  const routing = returnRouting(cluster, gateway);
  const peers = cluster.nodes;
  const onPeers = routing.placement === 'connectPeers';
  const mayRunOffPeers = onPeers ? 'no' : routing.placement === 'selector' ? 'perhaps' : 'yes';
  const several = peers.length > 1;
  if (routing.advertise === 'hostingNode') {
    // why only the hosting node: the BGPFilter's source RemotePeers rule, or no node mesh to learn from
    const why = cluster.advertiseGatewayRoutes === 'hostingNode' ? 'the BGPFilter rejects pool routes learned from other nodes' : 'no node mesh';
    return {
      routing,
      mayRunOffPeers,
      advertisers: peers,
      hostingPeerOnly: true,
      dependsOnUndocumented: false,
      nonPeerHostUnreachable: onPeers ? 'never' : 'always',
      relayed: false,
      description: onPeers
        ? `only the peer hosting the gateway advertises its /32 (${why}): replies take that peer's tunnel`
        : `only the hosting node advertises its /32 (${why}): a gateway on a node without a Connect peer is advertised by nobody`,
    };
  }
  if (routing.nextHop === 'self') {
    return {
      routing,
      mayRunOffPeers,
      advertisers: peers,
      hostingPeerOnly: false,
      dependsOnUndocumented: false,
      nonPeerHostUnreachable: 'never',
      relayed: several || !onPeers,
      description: several
        ? `every peer advertises the /32s with itself as next hop: the TGW spreads replies over ${peers.length} tunnels (ECMP); a peer not hosting the gateway relays inside the cluster`
        : 'the peer advertises the /32s with itself as next hop',
    };
  }
  return {
    routing,
    mayRunOffPeers,
    advertisers: peers,
    hostingPeerOnly: false,
    dependsOnUndocumented: several || !onPeers,
    nonPeerHostUnreachable: onPeers ? 'never' : 'undocumented',
    relayed: several || !onPeers,
    description:
      'next hop keep: the hosting peer\'s own /32 is installed; the other peers re-advertise it with the hosting node\'s address as NEXT_HOP, ' +
      'which the TGW either ignores (ECMP over every peer, relayed inside the cluster) or refuses (only the hosting node, if it is a peer): undocumented (aws.md A.1)',
  };
}
