// The Transit Gateway: its ASN, the CIDR blocks the Connect GRE addresses come from, and no default
// route table (the module's own inspection-rt / firewall-rt do the routing).
import type { TerraformBuilder } from './builder.js';
import { awsName } from '../../model/aws-names.js';
import { NAMES } from '../../render/terraform/names.js';
import { TF } from '../../render/terraform/types.js';

export function emitTransitGateway(builder: TerraformBuilder): void {
  const { model } = builder;
  const tgw = model.transitGateway;
  builder.resource(
    'transit-gateway.tf.json',
    TF.transitGateway,
    NAMES.transitGateway(tgw.name),
    {
      description: `egressc ${model.name}: Transit Gateway ${tgw.name}`,
      amazon_side_asn: tgw.amazonSideAsn,
      transit_gateway_cidr_blocks: [...tgw.cidrBlocks],
      default_route_table_association: 'disable',
      default_route_table_propagation: 'disable',
      tags: { Name: awsName(model.name, tgw.name) },
    },
    { what: `the Transit Gateway ${tgw.name}`, source: { kind: 'transitGateway' } },
  );
}
