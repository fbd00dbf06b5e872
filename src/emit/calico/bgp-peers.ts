// Two BGPPeers per peering node, one per TGW BGP address of its Connect peer (N+2, N+3 of the /29).
//
// sourceAddress None: the session must come from the tunnel address (N+1), not the node's VPC IP,
// so BIRD/the kernel pick the source. birdGatewayMode and failureDetectionMode are deliberately never
// set: for a directly connected peer they would render `gateway direct` / `bfd on`, and BIRD rejects
// both together with multihop (calico.md §1.5), so confd would refuse the whole config.
import type { Cluster, PeeringNode, TransitGateway } from '../../model/types.js';
import type { CalicoFeatures } from '../../facts/calico-versions.js';
import { PROJECTCALICO_V3, tgwFilterName, tgwPeerName } from '../../render/calico/names.js';
import type { Manifest } from './manifest.js';

/**
 * NEXT_HOP towards the TGW. self: nextHopMode Self where the field exists; before it, nothing, since BIRD
 * sets next hop self on eBGP sessions by default (the TGW session is always eBGP: the checks refuse iBGP).
 * keep (the article's choice): nextHopMode Keep, or keepOriginalNextHop before nextHopMode existed.
 */
export function nextHopFields(cluster: Cluster, features: CalicoFeatures): Record<string, unknown> {
  if (cluster.nextHopToTransitGateway === 'self') return features.nextHopMode ? { nextHopMode: 'Self' } : {};
  return features.nextHopMode ? { nextHopMode: 'Keep' } : { keepOriginalNextHop: true };
}

function tgwPeer(cluster: Cluster, node: PeeringNode, tgw: TransitGateway, index: 0 | 1, features: CalicoFeatures): Manifest {
  const nextHop = nextHopFields(cluster, features);
  return {
    apiVersion: PROJECTCALICO_V3,
    kind: 'BGPPeer',
    metadata: { name: tgwPeerName(cluster, node, index) },
    spec: {
      node: node.nodeName,
      peerIP: node.connectPeer.tgwBgpAddresses[index],
      asNumber: tgw.amazonSideAsn,
      sourceAddress: 'None',
      ...nextHop,
      filters: [tgwFilterName(tgw)],
    },
  };
}

export function tgwBgpPeers(cluster: Cluster, tgw: TransitGateway, features: CalicoFeatures): Manifest[] {
  return cluster.nodes.flatMap((node) => [tgwPeer(cluster, node, tgw, 0, features), tgwPeer(cluster, node, tgw, 1, features)]);
}
