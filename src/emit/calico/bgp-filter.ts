// The BGPFilter on the TGW peers. Export: only the egress pools (pod and service CIDRs must never
// reach the TGW). Import: nothing but the spec's opt-in list (a default route learned over GRE would
// pull node traffic into the tunnel). Each rule list ends in an explicit Reject, because a route no
// rule matches falls through to Calico's default export/import logic.
import type { Cluster, Ipv4Cidr, TransitGateway } from '../../model/types.js';
import { PROJECTCALICO_V3, tgwFilterName } from '../../render/calico/names.js';
import type { Manifest } from './manifest.js';

interface FilterRule {
  action: 'Accept' | 'Reject';
  cidr?: Ipv4Cidr;
  matchOperator?: 'In';
}

/** Accept routes inside each CIDR (In: the pool itself or any more specific, e.g. the /32 blocks). */
const acceptWithin = (cidrs: readonly Ipv4Cidr[]): FilterRule[] =>
  [...new Set(cidrs)].map((cidr) => ({ action: 'Accept', cidr, matchOperator: 'In' }));

const REJECT_REST: FilterRule = { action: 'Reject' };

export function egressPoolCidrs(cluster: Cluster): Ipv4Cidr[] {
  return cluster.egressGateways.map((gateway) => gateway.pool.cidr);
}

export function tgwBgpFilter(cluster: Cluster, tgw: TransitGateway): Manifest {
  return {
    apiVersion: PROJECTCALICO_V3,
    kind: 'BGPFilter',
    metadata: { name: tgwFilterName(tgw) },
    spec: {
      exportV4: [...acceptWithin(egressPoolCidrs(cluster)), REJECT_REST],
      importV4: [...acceptWithin(cluster.importFromTransitGateway), REJECT_REST],
    },
  };
}
