// Replace-on-change ("ForceNew") arguments of the Terraform resources egressc writes, per resource
// type (hashicorp/aws 6.25.0; source: shared/reference/aws.md A.3, from the provider's Go code).
// A dotted name walks into nested blocks (JSON objects or arrays of them).
export const FORCE_NEW: Readonly<Record<string, readonly string[]>> = {
  aws_ec2_transit_gateway: ['amazon_side_asn', 'multicast_support'],
  aws_ec2_transit_gateway_vpc_attachment: ['transit_gateway_id', 'vpc_id'],
  aws_ec2_transit_gateway_connect: ['transit_gateway_id', 'transport_attachment_id', 'protocol'],
  // every settable argument except tags
  aws_ec2_transit_gateway_connect_peer: ['inside_cidr_blocks', 'peer_address', 'transit_gateway_attachment_id', 'bgp_asn', 'transit_gateway_address'],
  aws_ec2_transit_gateway_route_table: ['transit_gateway_id'],
  aws_ec2_transit_gateway_route_table_association: ['transit_gateway_attachment_id', 'transit_gateway_route_table_id'],
  aws_ec2_transit_gateway_route_table_propagation: ['transit_gateway_attachment_id', 'transit_gateway_route_table_id'],
  // no update function: every argument
  aws_ec2_transit_gateway_route: ['destination_cidr_block', 'transit_gateway_route_table_id', 'transit_gateway_attachment_id', 'blackhole'],
  aws_route: ['route_table_id', 'destination_cidr_block', 'destination_ipv6_cidr_block', 'destination_prefix_list_id'],
  aws_security_group_rule: ['type', 'security_group_id', 'protocol', 'from_port', 'to_port', 'cidr_blocks', 'ipv6_cidr_blocks', 'prefix_list_ids', 'self', 'source_security_group_id'],
  aws_vpc_security_group_ingress_rule: ['security_group_id'],
  aws_vpc_security_group_egress_rule: ['security_group_id'],
  // rule_order through CustomizeDiff
  aws_networkfirewall_rule_group: ['name', 'capacity', 'type', 'rule_group.stateful_rule_options.rule_order'],
  aws_networkfirewall_firewall_policy: ['name'],
  aws_networkfirewall_firewall: ['name', 'vpc_id'],
  aws_networkfirewall_logging_configuration: ['firewall_arn'],
};

/** What a replacement interrupts, for the reviewer. */
export const REPLACEMENT_IMPACT: Readonly<Record<string, string>> = {
  aws_ec2_transit_gateway: 'the Transit Gateway is recreated: every attachment, peer and route goes down',
  aws_ec2_transit_gateway_connect: 'the Connect attachment is recreated: all its peers and their BGP sessions go down',
  aws_ec2_transit_gateway_connect_peer: 'the Connect peer is recreated: its BGP sessions drop and the egress route is withdrawn meanwhile',
  aws_ec2_transit_gateway_vpc_attachment: 'the VPC attachment is recreated: traffic of that VPC through the TGW stops meanwhile',
  aws_networkfirewall_rule_group: 'the rule group is recreated: the firewall policy runs without these rules meanwhile',
  aws_networkfirewall_firewall: 'the firewall is recreated: inspection (and the traffic routed to it) stops meanwhile',
  aws_networkfirewall_firewall_policy: 'the firewall policy is recreated',
};
