// One IPPool per egress gateway. blockSize 32 makes every gateway IP its own IPAM block, advertised
// as a /32 by the node hosting it; "!all()" keeps ordinary pods out of the pool (only the gateway
// pods, annotated by the operator, draw from it); BGP export stays on, since advertising the range to
// the TGW is the point; encapsulation follows the cluster's pod network.
import type { Cluster, EgressGateway } from '../../model/types.js';
import { PROJECTCALICO_V3 } from '../../render/calico/names.js';
import type { Manifest } from './manifest.js';

type EncapsulationMode = 'Always' | 'Never';

function encapsulationModes(cluster: Cluster): { ipipMode: EncapsulationMode; vxlanMode: EncapsulationMode } {
  return {
    ipipMode: cluster.encapsulation === 'IPIP' ? 'Always' : 'Never',
    vxlanMode: cluster.encapsulation === 'VXLAN' ? 'Always' : 'Never',
  };
}

function egressPool(cluster: Cluster, gateway: EgressGateway): Manifest {
  return {
    apiVersion: PROJECTCALICO_V3,
    kind: 'IPPool',
    metadata: { name: gateway.pool.name },
    spec: {
      cidr: gateway.pool.cidr,
      blockSize: 32,
      nodeSelector: '!all()',
      disableBGPExport: false,
      natOutgoing: false,
      ...encapsulationModes(cluster),
    },
  };
}

export function egressIpPools(cluster: Cluster): Manifest[] {
  return cluster.egressGateways.map((gateway) => egressPool(cluster, gateway));
}
