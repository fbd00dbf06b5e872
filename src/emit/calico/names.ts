// Stable names and selectors, derived only from spec names, so that re-running egressc after adding a
// node or a gateway never renames an existing object.
import type { Cluster, EgressGateway, PeeringNode, TransitGateway } from '../../model/types.js';

export const PROJECTCALICO_V3 = 'projectcalico.org/v3';
export const OPERATOR_V1 = 'operator.tigera.io/v1';

/** Label egressc puts on gateway pods (through EgressGateway.spec.template); selectors match on it. */
export const GATEWAY_POD_LABEL = 'egressc.io/egress-gateway';

/**
 * Node label egressc asks for on every peering node (a patch per node under node-labels/): gateways with
 * placement connectPeers select it, so their /32s are advertised by the node that hosts them (aws.md A.1).
 */
export const CONNECT_PEER_LABEL = 'egressc.io/connect-peer';
export const CONNECT_PEER_LABEL_VALUE = 'true';

/** Well-known topology labels the gateway replicas are spread over. */
export const ZONE_LABEL = 'topology.kubernetes.io/zone';
export const HOSTNAME_LABEL = 'kubernetes.io/hostname';

/** Label Calico puts on every namespace, usable in Calico namespace selectors. */
const CALICO_NAMESPACE_LABEL = 'projectcalico.org/name';

export const ANNOTATION_SELECTOR = 'egress.projectcalico.org/selector';
export const ANNOTATION_NAMESPACE_SELECTOR = 'egress.projectcalico.org/namespaceSelector';
export const ANNOTATION_POLICY = 'egress.projectcalico.org/egressGatewayPolicy';

export const tgwFilterName = (tgw: TransitGateway): string => `tgw-${tgw.name}`;

/** The two BGPPeers of a node: one per TGW BGP address (N+2 → 1, N+3 → 2). */
export const tgwPeerName = (cluster: Cluster, node: PeeringNode, index: 0 | 1): string =>
  `${cluster.name}-${node.name}-tgw-${index + 1}`;

export const gatewaySelector = (gateway: EgressGateway): string => `${GATEWAY_POD_LABEL} == '${gateway.name}'`;
export const namespaceSelector = (namespace: string): string => `${CALICO_NAMESPACE_LABEL} == '${namespace}'`;

export const gatewayPolicyName = (gateway: EgressGateway): string => gateway.name;
