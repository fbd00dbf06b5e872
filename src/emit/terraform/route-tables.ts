// The TGW route tables, their associations, propagations and static routes, rendered from the routing
// plan (src/paths/routing.ts), which the path model of `egressc trace` walks too.
import { awsName } from '../../model/aws-names.js';
import type { AttachmentRef } from '../../model/types.js';
import { tgwRoutingPlan, type TgwRouteTablePlan } from '../../paths/routing.js';
import type { TerraformBuilder } from './builder.js';
import { NAMES, attachmentSource, type NameSource } from '../../render/terraform/names.js';
import { attachmentId, tgwId, tgwRouteTableId } from './refs.js';
import { TF } from '../../render/terraform/types.js';

const describe = (ref: AttachmentRef): string => (ref.kind === 'vpc' ? `attachment of VPC ${ref.vpc}` : `Connect attachment ${ref.attachment.name}`);
const tableSource = (table: TgwRouteTablePlan): NameSource => ({ kind: 'tgwRouteTable', table: table.name });

function emitTable(builder: TerraformBuilder, table: TgwRouteTablePlan): void {
  builder.resource(
    'routing.tf.json',
    TF.tgwRouteTable,
    NAMES.tgwRouteTable(table.name),
    { transit_gateway_id: tgwId(builder.model), tags: { Name: awsName(builder.model.name, table.name) } },
    { what: `the TGW route table ${table.name}`, source: tableSource(table) },
  );
  for (const ref of table.associations) {
    builder.resource(
      'routing.tf.json',
      TF.association,
      NAMES.association(ref),
      { transit_gateway_attachment_id: attachmentId(ref), transit_gateway_route_table_id: tgwRouteTableId(table.name) },
      { what: `the association of the ${describe(ref)}`, source: attachmentSource(ref) },
    );
  }
  for (const ref of table.propagations) {
    builder.resource(
      'routing.tf.json',
      TF.propagation,
      NAMES.propagation(table.name, ref),
      { transit_gateway_attachment_id: attachmentId(ref), transit_gateway_route_table_id: tgwRouteTableId(table.name) },
      { what: `the propagation of the ${describe(ref)} into ${table.name}`, source: attachmentSource(ref) },
    );
  }
  for (const route of table.staticRoutes) {
    builder.resource(
      'routing.tf.json',
      TF.tgwRoute,
      NAMES.tgwRoute(table.name, route.cidr),
      {
        transit_gateway_route_table_id: tgwRouteTableId(table.name),
        destination_cidr_block: route.cidr,
        transit_gateway_attachment_id: attachmentId(route.attachment),
      },
      { what: `the route to ${route.cidr} in ${table.name}`, source: tableSource(table) },
    );
  }
}

export function emitTgwRouteTables(builder: TerraformBuilder): void {
  const plan = tgwRoutingPlan(builder.model);
  emitTable(builder, plan.inspection);
  emitTable(builder, plan.firewall);
}
