// The centralised inspection design on the TGW:
// - inspection-rt: associated with the cluster, destination and Connect attachments; its only route is a
//   static 0.0.0.0/0 to the inspection VPC attachment, so every flow between spokes crosses the firewall.
// - firewall-rt: associated with the inspection attachment; the spokes' VPC CIDRs and the egress ranges
//   the nodes advertise over BGP (Connect) propagate into it, so inspected traffic finds its way back.
import type { TerraformBuilder } from './builder.js';
import { NAMES, awsName, type AttachmentRef } from './names.js';
import { attachmentId, tgwId, tgwRouteTableId } from './refs.js';
import { TF } from './types.js';

export const DEFAULT_ROUTE = '0.0.0.0/0';

/** Spoke attachments (everything but the inspection VPC's), in model order: VPCs, then Connect. */
export function spokeAttachments(builder: TerraformBuilder): AttachmentRef[] {
  const { model } = builder;
  const vpcs: AttachmentRef[] = model.vpcs.filter((v) => v.role !== 'inspection').map((v) => ({ kind: 'vpc', vpc: v.name }));
  const connects: AttachmentRef[] = model.clusters.flatMap((c) => c.connectAttachments.map((attachment) => ({ kind: 'connect' as const, attachment })));
  return [...vpcs, ...connects];
}

const describe = (ref: AttachmentRef): string => (ref.kind === 'vpc' ? `attachment of VPC ${ref.vpc}` : `Connect attachment ${ref.attachment.name}`);

export function emitTgwRouteTables(builder: TerraformBuilder): void {
  const { model } = builder;
  const { inspection, firewall } = model.transitGateway.routeTables;
  for (const table of [inspection, firewall]) {
    builder.resource(
      'routing.tf.json',
      TF.tgwRouteTable,
      NAMES.tgwRouteTable(table),
      { transit_gateway_id: tgwId(model), tags: { Name: awsName(model.name, table) } },
      `TGW route table ${table}`,
    );
  }

  const inspectionAttachment: AttachmentRef = { kind: 'vpc', vpc: model.firewall.vpc };
  const associate = (ref: AttachmentRef, table: string): void =>
    builder.resource(
      'routing.tf.json',
      TF.association,
      NAMES.association(ref),
      { transit_gateway_attachment_id: attachmentId(ref), transit_gateway_route_table_id: tgwRouteTableId(table) },
      `association of the ${describe(ref)}`,
    );

  for (const ref of spokeAttachments(builder)) {
    associate(ref, inspection);
    builder.resource(
      'routing.tf.json',
      TF.propagation,
      NAMES.propagation(firewall, ref),
      { transit_gateway_attachment_id: attachmentId(ref), transit_gateway_route_table_id: tgwRouteTableId(firewall) },
      `propagation of the ${describe(ref)} into ${firewall}`,
    );
  }
  associate(inspectionAttachment, firewall);

  builder.resource(
    'routing.tf.json',
    TF.tgwRoute,
    NAMES.tgwRoute(inspection, DEFAULT_ROUTE),
    {
      transit_gateway_route_table_id: tgwRouteTableId(inspection),
      destination_cidr_block: DEFAULT_ROUTE,
      transit_gateway_attachment_id: attachmentId(inspectionAttachment),
    },
    `default route of ${inspection}`,
  );
}
