// EgressGateway (operator.tigera.io/v1, namespaced): replicas, its pool by name, the pod label the
// client selectors match on, and placement.
import type { Cluster, EgressGateway } from '../../model/types.js';
import { GATEWAY_POD_LABEL, OPERATOR_V1 } from './names.js';
import type { Manifest } from './manifest.js';

function egressGateway(gateway: EgressGateway): Manifest {
  const nodeSelector = Object.fromEntries(gateway.nodeSelector);
  return {
    apiVersion: OPERATOR_V1,
    kind: 'EgressGateway',
    metadata: { name: gateway.name, namespace: gateway.namespace },
    spec: {
      replicas: gateway.replicas,
      ipPools: [{ name: gateway.pool.name }],
      template: {
        metadata: { labels: { [GATEWAY_POD_LABEL]: gateway.name } },
        ...(gateway.nodeSelector.length > 0 ? { spec: { nodeSelector } } : {}),
      },
    },
  };
}

export function egressGateways(cluster: Cluster): Manifest[] {
  return cluster.egressGateways.map(egressGateway);
}
