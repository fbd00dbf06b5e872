// The AWS resource types the module uses (all in the provider subset schema, hashicorp/aws 6.x).
export const TF = {
  transitGateway: 'aws_ec2_transit_gateway',
  vpcAttachment: 'aws_ec2_transit_gateway_vpc_attachment',
  connect: 'aws_ec2_transit_gateway_connect',
  connectPeer: 'aws_ec2_transit_gateway_connect_peer',
  tgwRouteTable: 'aws_ec2_transit_gateway_route_table',
  association: 'aws_ec2_transit_gateway_route_table_association',
  propagation: 'aws_ec2_transit_gateway_route_table_propagation',
  tgwRoute: 'aws_ec2_transit_gateway_route',
  route: 'aws_route',
  ingressRule: 'aws_vpc_security_group_ingress_rule',
  ruleGroup: 'aws_networkfirewall_rule_group',
  firewallPolicy: 'aws_networkfirewall_firewall_policy',
  firewall: 'aws_networkfirewall_firewall',
  logging: 'aws_networkfirewall_logging_configuration',
} as const;
