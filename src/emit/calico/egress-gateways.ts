// EgressGateway (operator.tigera.io/v1, namespaced): replicas, its pool by name, the pod label the
// client selectors match on, and placement. With placement connectPeers (the default) the pods run only
// on nodes carrying the Connect-peer label, spread over zones and nodes, so the node that hosts a gateway
// is one that advertises its /32 to the TGW itself (the TGW can only send replies into the tunnel of the
// peer that advertised the route; aws.md A.1). Spreading is ScheduleAnyway: more replicas than peers
// must still schedule.
import type { Cluster, EgressGateway } from '../../model/types.js';
import { CONNECT_PEER_LABEL, CONNECT_PEER_LABEL_VALUE, GATEWAY_POD_LABEL, HOSTNAME_LABEL, OPERATOR_V1, ZONE_LABEL } from '../../render/calico/names.js';
import type { Manifest } from './manifest.js';

const byKey = ([a]: [string, string], [b]: [string, string]): number => (a < b ? -1 : a > b ? 1 : 0);

/** The pod template's nodeSelector: the user's, plus the Connect-peer label for placement connectPeers. */
export function gatewayNodeSelector(gateway: EgressGateway): [string, string][] {
  const entries = new Map(gateway.nodeSelector);
  if (gateway.placement === 'connectPeers') entries.set(CONNECT_PEER_LABEL, CONNECT_PEER_LABEL_VALUE);
  return [...entries].sort(byKey);
}

function spread(gateway: EgressGateway): object[] {
  const labelSelector = { matchLabels: { [GATEWAY_POD_LABEL]: gateway.name } };
  return [ZONE_LABEL, HOSTNAME_LABEL].map((topologyKey) => ({ maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway', labelSelector }));
}

function egressGateway(gateway: EgressGateway): Manifest {
  const selector = gatewayNodeSelector(gateway);
  const podSpec: Record<string, unknown> = {};
  if (selector.length > 0) podSpec.nodeSelector = Object.fromEntries(selector);
  if (gateway.placement === 'connectPeers') podSpec.topologySpreadConstraints = spread(gateway);
  return {
    apiVersion: OPERATOR_V1,
    kind: 'EgressGateway',
    metadata: { name: gateway.name, namespace: gateway.namespace },
    spec: {
      replicas: gateway.replicas,
      ipPools: [{ name: gateway.pool.name }],
      template: {
        metadata: { labels: { [GATEWAY_POD_LABEL]: gateway.name } },
        ...(Object.keys(podSpec).length > 0 ? { spec: podSpec } : {}),
      },
    },
  };
}

export function egressGateways(cluster: Cluster): Manifest[] {
  return cluster.egressGateways.map(egressGateway);
}

/** Node patches adding the Connect-peer label, one per peering node, when a gateway of the cluster selects it. */
export function connectPeerLabelPatches(cluster: Cluster): { file: string; command: string; patch: { metadata: { labels: Record<string, string> } } }[] {
  if (!cluster.egressGateways.some((g) => g.placement === 'connectPeers')) return [];
  return cluster.nodes.map((node) => {
    const file = `node-labels/${node.name}.yaml`;
    return {
      file,
      command: `kubectl patch node ${node.nodeName} --type strategic --patch-file ${file}`,
      patch: { metadata: { labels: { [CONNECT_PEER_LABEL]: CONNECT_PEER_LABEL_VALUE } } },
    };
  });
}
