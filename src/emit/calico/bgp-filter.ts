// The BGPFilter on the TGW peers. Export: only the egress pools (pod and service CIDRs must never
// reach the TGW). Import: nothing but the spec's opt-in list (a default route learned over GRE would
// pull node traffic into the tunnel). Each rule list ends in an explicit Reject, because a route no
// rule matches falls through to Calico's default export/import logic. With advertiseGatewayRoutes:
// hostingNode the export list starts with a Reject of the egress pools' routes learned from BGP peers
// (`source: RemotePeers`: the /32s other nodes advertise over the node mesh), so each node sends the TGW
// only the /32s of the gateways it hosts (aws.md A.1). It must come first: rules match in order, and the
// Accept of the same pools would take those routes otherwise.
import type { Cluster, Ipv4Cidr, TransitGateway } from '../../model/types.js';
import { calicoFeatures } from '../../facts/calico-versions.js';
import { PROJECTCALICO_V3, tgwFilterName } from '../../render/calico/names.js';
import type { Manifest } from './manifest.js';

export interface FilterRule {
  action: 'Accept' | 'Reject';
  cidr?: Ipv4Cidr;
  matchOperator?: 'In';
  /** only routes learned from BGP peers, not the node's own (confd: BIRD route source RTS_BGP) */
  source?: 'RemotePeers';
}

/** Accept routes inside each CIDR (In: the pool itself or any more specific, e.g. the /32 blocks). */
const acceptWithin = (cidrs: readonly Ipv4Cidr[]): FilterRule[] =>
  [...new Set(cidrs)].map((cidr) => ({ action: 'Accept', cidr, matchOperator: 'In' }));

/** Reject the routes inside each CIDR that the node learned from another BGP speaker. */
const rejectLearnedWithin = (cidrs: readonly Ipv4Cidr[]): FilterRule[] =>
  [...new Set(cidrs)].map((cidr) => ({ action: 'Reject', cidr, matchOperator: 'In', source: 'RemotePeers' }));

/** The last rule: everything else. Open source before 3.27 requires a cidr on every rule (calico-versions.ts). */
const rejectRest = (cluster: Cluster): FilterRule =>
  calicoFeatures(cluster.calico).bgpFilterRuleWithoutCidr ? { action: 'Reject' } : { action: 'Reject', cidr: '0.0.0.0/0', matchOperator: 'In' };

export function egressPoolCidrs(cluster: Cluster): Ipv4Cidr[] {
  return cluster.egressGateways.map((gateway) => gateway.pool.cidr);
}

/** The export rules towards the TGW, in order; the BIRD peers view renders the same list. */
export function tgwExportRules(cluster: Cluster): FilterRule[] {
  const pools = egressPoolCidrs(cluster);
  const hostedOnly = cluster.advertiseGatewayRoutes === 'hostingNode' ? rejectLearnedWithin(pools) : [];
  return [...hostedOnly, ...acceptWithin(pools), rejectRest(cluster)];
}

/** The import rules from the TGW, in order. */
export const tgwImportRules = (cluster: Cluster): FilterRule[] => [...acceptWithin(cluster.importFromTransitGateway), rejectRest(cluster)];

export function tgwBgpFilter(cluster: Cluster, tgw: TransitGateway): Manifest {
  return {
    apiVersion: PROJECTCALICO_V3,
    kind: 'BGPFilter',
    metadata: { name: tgwFilterName(tgw) },
    spec: {
      exportV4: tgwExportRules(cluster),
      importV4: tgwImportRules(cluster),
    },
  };
}
