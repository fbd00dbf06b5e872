// One TGW VPC attachment per VPC. Cluster and destination VPCs attach with their attachment subnets;
// the inspection VPC attaches with the TGW subnet of every zone and appliance mode on, so that both
// directions of a flow stay on the firewall endpoint of one AZ (a stateful firewall needs both).
import type { Vpc } from '../../model/types.js';
import type { TerraformBuilder } from './builder.js';
import type { TfBody } from './json.js';
import { awsName } from '../../model/aws-names.js';
import { VARIABLES, vpcAttachmentName } from '../../render/terraform/names.js';
import { tgwId } from './refs.js';
import { TF } from '../../render/terraform/types.js';

/** The VPC's id: the spec's vpcId or a variable. */
export const vpcIdExpression = (builder: TerraformBuilder, vpc: Vpc): string =>
  builder.awsId(vpc.vpcId, VARIABLES.vpcId(vpc.name), `Id of the ${vpc.role} VPC "${vpc.name}" (${vpc.cidr}).`, {
    kind: 'vpc',
    vpc: vpc.name,
  });

function subnetIds(builder: TerraformBuilder, vpc: Vpc): string[] {
  if (vpc.role === 'inspection') {
    return vpc.zones.map((zone) =>
      builder.awsId(
        zone.transitGatewaySubnet.subnetId,
        VARIABLES.inspectionSubnetId(vpc.name, zone.availabilityZone, 'tgw_subnet'),
        `Id of the Transit Gateway subnet in ${zone.availabilityZone} of the inspection VPC "${vpc.name}".`,
        { kind: 'zone', vpc: vpc.name, zone: zone.availabilityZone },
      ),
    );
  }
  return vpc.attachmentSubnets.map((subnet) =>
    builder.awsId(
      subnet.subnetId,
      VARIABLES.attachmentSubnetId(vpc.name, subnet.availabilityZone),
      `Id of the Transit Gateway attachment subnet in ${subnet.availabilityZone} of the ${vpc.role} VPC "${vpc.name}".`,
      { kind: 'zone', vpc: vpc.name, zone: subnet.availabilityZone },
    ),
  );
}

export function emitVpcAttachments(builder: TerraformBuilder): void {
  const { model } = builder;
  for (const vpc of model.vpcs) {
    const body: TfBody = {
      transit_gateway_id: tgwId(model),
      vpc_id: vpcIdExpression(builder, vpc),
      subnet_ids: subnetIds(builder, vpc),
      // the module associates and propagates explicitly (route-tables.ts)
      transit_gateway_default_route_table_association: false,
      transit_gateway_default_route_table_propagation: false,
    };
    if (vpc.role === 'inspection') body.appliance_mode_support = 'enable';
    body.tags = { Name: awsName(model.name, vpc.name) };
    builder.resource('transit-gateway.tf.json', TF.vpcAttachment, vpcAttachmentName(vpc.name), body, {
      what: `the attachment of VPC ${vpc.name}`,
      source: { kind: 'vpc', vpc: vpc.name },
    });
  }
}
