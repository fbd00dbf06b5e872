// FelixConfiguration "default": egress IP support per namespace, or per namespace or pod when single
// workloads are clients (their pod annotations then override their namespace's).
import type { Cluster } from '../../model/types.js';
import { PROJECTCALICO_V3 } from '../../render/calico/names.js';
import type { Manifest } from './manifest.js';

export function felixConfiguration(cluster: Cluster): Manifest {
  const perPod = cluster.egressGateways.some((gateway) => gateway.clients.workloads.length > 0);
  return {
    apiVersion: PROJECTCALICO_V3,
    kind: 'FelixConfiguration',
    metadata: { name: 'default' },
    spec: { egressIPSupport: perPod ? 'EnabledPerNamespaceOrPerPod' : 'EnabledPerNamespace' },
  };
}
