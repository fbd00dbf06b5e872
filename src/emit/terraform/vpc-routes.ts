// Routes inside the VPCs (aws_route):
// - cluster VPCs: each TGW CIDR block → TGW (the GRE outer path to the Connect peers' TGW addresses);
// - cluster and destination VPCs: every routesViaTransitGateway destination → TGW;
// - inspection VPC, per AZ: TGW subnet 0.0.0.0/0 → the firewall endpoint of the same AZ, and
//   firewall subnet 0.0.0.0/0 → TGW (inspected traffic goes back to firewall-rt).
// A route to a TGW fails until the TGW is attached to the VPC, and nothing in the route's arguments
// refers to the attachment, hence the explicit depends_on.
import type { ClusterVpc, DestinationVpc, InspectionVpc } from '../../model/types.js';
import { DEFAULT_ROUTE, spokeDestinations } from '../../paths/routing.js';
import type { TerraformBuilder } from './builder.js';
import { firewallEndpointId } from './firewall.js';
import { NAMES, VARIABLES, type NameSource } from '../../render/terraform/names.js';
import { tgwId, vpcAttachmentAddress } from './refs.js';
import { TF } from '../../render/terraform/types.js';

function emitSpokeRoutes(builder: TerraformBuilder, vpc: ClusterVpc | DestinationVpc): void {
  const destinations = spokeDestinations(builder.model, vpc);
  for (const table of vpc.routeTables) {
    const routeTableId = builder.awsId(
      table.routeTableId,
      VARIABLES.routeTableId(vpc.name, table.name),
      `Id of the route table "${table.name}" of the ${vpc.role} VPC "${vpc.name}".`,
      { kind: 'routeTable', vpc: vpc.name, table: table.name },
    );
    for (const cidr of destinations) {
      builder.resource(
        'routing.tf.json',
        TF.route,
        NAMES.vpcRoute(vpc.name, table.name, cidr),
        { route_table_id: routeTableId, destination_cidr_block: cidr, transit_gateway_id: tgwId(builder.model), depends_on: [vpcAttachmentAddress(vpc.name)] },
        { what: `the route to ${cidr} in route table ${table.name} of VPC ${vpc.name}`, source: { kind: 'routeTable', vpc: vpc.name, table: table.name } },
      );
    }
  }
}

function emitInspectionRoutes(builder: TerraformBuilder, vpc: InspectionVpc): void {
  for (const zone of vpc.zones) {
    const az = zone.availabilityZone;
    const zoneSource: NameSource = { kind: 'zone', vpc: vpc.name, zone: az };
    builder.resource(
      'routing.tf.json',
      TF.route,
      NAMES.inspectionRoute(vpc.name, az, 'tgw_subnet', DEFAULT_ROUTE),
      {
        route_table_id: builder.awsId(
          zone.transitGatewaySubnet.routeTableId,
          VARIABLES.inspectionRouteTableId(vpc.name, az, 'tgw_subnet'),
          `Id of the route table of the Transit Gateway subnet in ${az} of the inspection VPC "${vpc.name}".`,
          zoneSource,
        ),
        destination_cidr_block: DEFAULT_ROUTE,
        vpc_endpoint_id: firewallEndpointId(builder, az),
      },
      { what: `the default route of the TGW subnet in ${az} of VPC ${vpc.name}`, source: zoneSource },
    );
    builder.resource(
      'routing.tf.json',
      TF.route,
      NAMES.inspectionRoute(vpc.name, az, 'firewall_subnet', DEFAULT_ROUTE),
      {
        route_table_id: builder.awsId(
          zone.firewallSubnet.routeTableId,
          VARIABLES.inspectionRouteTableId(vpc.name, az, 'firewall_subnet'),
          `Id of the route table of the firewall subnet in ${az} of the inspection VPC "${vpc.name}".`,
          zoneSource,
        ),
        destination_cidr_block: DEFAULT_ROUTE,
        transit_gateway_id: tgwId(builder.model),
        depends_on: [vpcAttachmentAddress(vpc.name)],
      },
      { what: `the default route of the firewall subnet in ${az} of VPC ${vpc.name}`, source: zoneSource },
    );
  }
}

export function emitVpcRoutes(builder: TerraformBuilder): void {
  for (const vpc of builder.model.vpcs) {
    if (vpc.role === 'inspection') emitInspectionRoutes(builder, vpc);
    else emitSpokeRoutes(builder, vpc);
  }
}
