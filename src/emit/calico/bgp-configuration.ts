// BGPConfiguration "default": the cluster's AS number and whether the node-to-node mesh runs.
import type { Cluster } from '../../model/types.js';
import { PROJECTCALICO_V3 } from '../../render/calico/names.js';
import type { Manifest } from './manifest.js';

export function bgpConfiguration(cluster: Cluster): Manifest {
  return {
    apiVersion: PROJECTCALICO_V3,
    kind: 'BGPConfiguration',
    metadata: { name: 'default' },
    spec: { asNumber: cluster.asNumber, nodeToNodeMeshEnabled: cluster.nodeToNodeMesh },
  };
}
