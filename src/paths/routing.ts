// The routing the module builds, as data: which TGW route tables exist, which attachments each one is
// associated with and propagates from, its static routes, and which destinations each spoke VPC sends to
// the TGW. The Terraform emitter renders exactly these objects and the path model (src/paths/trace.ts)
// walks them, so what `egressc trace` says is what Terraform creates.
//
// The centralised inspection design on the TGW:
// - inspection-rt: associated with the cluster, destination and Connect attachments; its only route is a
//   static 0.0.0.0/0 to the inspection VPC attachment, so every flow between spokes crosses the firewall.
// - firewall-rt: associated with the inspection attachment; the spokes' VPC CIDRs and the egress ranges
//   the nodes advertise over BGP (Connect) propagate into it, so inspected traffic finds its way back.
import type { AttachmentRef, ClusterVpc, DestinationVpc, Ipv4Cidr, Topology } from '../model/types.js';

export const DEFAULT_ROUTE = '0.0.0.0/0';

export interface StaticRoute {
  cidr: Ipv4Cidr;
  attachment: AttachmentRef;
}

export interface TgwRouteTablePlan {
  name: string;
  /** attachments whose traffic this table routes */
  associations: AttachmentRef[];
  /** attachments whose routes (VPC CIDR, or BGP routes of a Connect attachment) this table learns */
  propagations: AttachmentRef[];
  staticRoutes: StaticRoute[];
}

export interface TgwRoutingPlan {
  inspection: TgwRouteTablePlan;
  firewall: TgwRouteTablePlan;
}

/** Spoke attachments (everything but the inspection VPC's), in model order: VPCs, then Connect. */
export function spokeAttachments(model: Topology): AttachmentRef[] {
  const vpcs: AttachmentRef[] = model.vpcs.filter((v) => v.role !== 'inspection').map((v) => ({ kind: 'vpc', vpc: v.name }));
  const connects: AttachmentRef[] = model.clusters.flatMap((c) => c.connectAttachments.map((attachment) => ({ kind: 'connect' as const, attachment })));
  return [...vpcs, ...connects];
}

export const inspectionAttachment = (model: Topology): AttachmentRef => ({ kind: 'vpc', vpc: model.firewall.vpc });

export function tgwRoutingPlan(model: Topology): TgwRoutingPlan {
  const spokes = spokeAttachments(model);
  const { inspection, firewall } = model.transitGateway.routeTables;
  return {
    inspection: {
      name: inspection,
      associations: spokes,
      propagations: [],
      staticRoutes: [{ cidr: DEFAULT_ROUTE, attachment: inspectionAttachment(model) }],
    },
    firewall: {
      name: firewall,
      associations: [inspectionAttachment(model)],
      propagations: spokes,
      staticRoutes: [],
    },
  };
}

/** Destinations a spoke VPC's route tables send to the TGW, deduplicated in order: TGW CIDR blocks first (cluster VPCs). */
export function spokeDestinations(model: Topology, vpc: ClusterVpc | DestinationVpc): Ipv4Cidr[] {
  const gre = vpc.role === 'cluster' ? model.transitGateway.cidrBlocks : [];
  return [...new Set([...gre, ...vpc.routesViaTransitGateway])];
}

export const sameAttachment = (a: AttachmentRef, b: AttachmentRef): boolean =>
  a.kind === 'vpc' ? b.kind === 'vpc' && a.vpc === b.vpc : b.kind === 'connect' && a.attachment.name === b.attachment.name;
