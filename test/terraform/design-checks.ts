// Checks of the AWS design the module encodes (shared by the hand-built and the fixture tests): one TGW
// without default route tables, appliance mode on the inspection attachment, inspection-rt / firewall-rt
// associations and propagations, the default route, per-AZ firewall endpoint routes, GRE into the node
// security group, the firewall, and the Connect peers as allocated.
import { expect } from 'vitest';
import type { Topology } from '../../src/model/types.js';
import { renderRulesString, ruleVariables, statefulDefaultActions } from '../../src/render/firewall/rules-text.js';
import type { TfBody } from '../../src/emit/terraform/json.js';
import { VARIABLES } from '../../src/render/terraform/names.js';
import { resourcesOf, type TerraformModule } from './module.js';

/** The stateful default actions the Network Firewall API accepts with STRICT_ORDER (AWS facts A.2). */
const STATEFUL_DEFAULT_ACTIONS = ['aws:drop_strict', 'aws:drop_established', 'aws:alert_strict', 'aws:alert_established'];

/** the spec's id, or the reference to the variable the module declares for it */
const idOrVariable = (id: string | undefined, variable: string): string => id ?? `\${var.${variable}}`;
const ref = (type: string, name: string, attribute = 'id'): string => `\${${type}.${name}.${attribute}}`;
const only = (record: Record<string, TfBody>): [string, TfBody] => {
  const entries = Object.entries(record);
  expect(entries).toHaveLength(1);
  return entries[0] as [string, TfBody];
};
/** name of the resource of `type` whose body satisfies `match` (exactly one) */
function named(module: TerraformModule, type: string, match: (body: TfBody) => boolean): string {
  const hits = Object.entries(resourcesOf(module, type)).filter(([, body]) => match(body));
  expect(hits, `${type} matching`).toHaveLength(1);
  return (hits[0] as [string, TfBody])[0];
}

export function checkDesign(model: Topology, module: TerraformModule): void {
  const vpcAttachments = resourcesOf(module, 'aws_ec2_transit_gateway_vpc_attachment');
  const [tgwName, tgw] = only(resourcesOf(module, 'aws_ec2_transit_gateway'));
  const tgwId = ref('aws_ec2_transit_gateway', tgwName);
  const inspectionVpc = model.vpcs.find((v) => v.name === model.firewall.vpc);
  if (inspectionVpc?.role !== 'inspection') throw new Error('model without inspection VPC');

  // TGW
  expect(tgw).toMatchObject({
    amazon_side_asn: model.transitGateway.amazonSideAsn,
    transit_gateway_cidr_blocks: model.transitGateway.cidrBlocks,
    default_route_table_association: 'disable',
    default_route_table_propagation: 'disable',
  });

  // one VPC attachment per VPC, defaults off, appliance mode only on the inspection VPC's
  expect(Object.keys(vpcAttachments)).toHaveLength(model.vpcs.length);
  const attachmentOf = new Map<string, string>();
  for (const vpc of model.vpcs) {
    const name = named(module, 'aws_ec2_transit_gateway_vpc_attachment', (b) => (b.tags as Record<string, string>).Name === `${model.name}-${vpc.name}`);
    const body = vpcAttachments[name] as TfBody;
    attachmentOf.set(vpc.name, ref('aws_ec2_transit_gateway_vpc_attachment', name));
    expect(body.transit_gateway_id).toBe(tgwId);
    expect(body.transit_gateway_default_route_table_association).toBe(false);
    expect(body.transit_gateway_default_route_table_propagation).toBe(false);
    if (vpc.vpcId) expect(body.vpc_id).toBe(vpc.vpcId);
    if (vpc.role === 'inspection') {
      expect(body.appliance_mode_support).toBe('enable');
      expect(body.subnet_ids).toHaveLength(vpc.zones.length);
      vpc.zones.forEach((zone, i) => {
        if (zone.transitGatewaySubnet.subnetId) expect((body.subnet_ids as string[])[i]).toBe(zone.transitGatewaySubnet.subnetId);
        else expect((body.subnet_ids as string[])[i]).toMatch(/tgw_subnet_id\}$/);
      });
    } else {
      expect(body.appliance_mode_support).toBeUndefined();
      expect(body.subnet_ids).toHaveLength(vpc.attachmentSubnets.length);
    }
  }
  const inspectionAttachment = attachmentOf.get(inspectionVpc.name) as string;

  // Connect attachments: one per model entry, GRE over the cluster VPC's attachment, on the one TGW
  const connects = resourcesOf(module, 'aws_ec2_transit_gateway_connect');
  const connectIds = new Map<string, string>();
  for (const cluster of model.clusters) {
    for (const attachment of cluster.connectAttachments) {
      const name = named(module, 'aws_ec2_transit_gateway_connect', (b) => (b.tags as Record<string, string>).Name === `${model.name}-${attachment.name}`);
      connectIds.set(attachment.name, ref('aws_ec2_transit_gateway_connect', name));
      expect(connects[name]).toMatchObject({
        transit_gateway_id: tgwId,
        transport_attachment_id: attachmentOf.get(cluster.vpc),
        protocol: 'gre',
        transit_gateway_default_route_table_association: false,
        transit_gateway_default_route_table_propagation: false,
      });
    }
  }
  expect(connectIds.size).toBe(Object.keys(connects).length);

  // route tables, associations, propagations, default route
  const tables = resourcesOf(module, 'aws_ec2_transit_gateway_route_table');
  const tableId = (spec: string): string =>
    ref('aws_ec2_transit_gateway_route_table', named(module, 'aws_ec2_transit_gateway_route_table', (b) => (b.tags as Record<string, string>).Name === `${model.name}-${spec}`));
  expect(Object.keys(tables)).toHaveLength(2);
  const inspectionRt = tableId(model.transitGateway.routeTables.inspection);
  const firewallRt = tableId(model.transitGateway.routeTables.firewall);
  const spokes = [...model.vpcs.filter((v) => v.role !== 'inspection').map((v) => attachmentOf.get(v.name) as string), ...connectIds.values()];

  const associations = Object.values(resourcesOf(module, 'aws_ec2_transit_gateway_route_table_association')).map(
    (b) => [b.transit_gateway_attachment_id, b.transit_gateway_route_table_id] as const,
  );
  expect(new Map(associations)).toEqual(new Map([...spokes.map((s) => [s, inspectionRt] as const), [inspectionAttachment, firewallRt]]));
  expect(associations).toHaveLength(spokes.length + 1);

  const propagations = Object.values(resourcesOf(module, 'aws_ec2_transit_gateway_route_table_propagation')).map(
    (b) => `${String(b.transit_gateway_attachment_id)} -> ${String(b.transit_gateway_route_table_id)}`,
  );
  expect(propagations.sort()).toEqual(spokes.map((s) => `${s} -> ${firewallRt}`).sort());

  const [, defaultRoute] = only(resourcesOf(module, 'aws_ec2_transit_gateway_route'));
  expect(defaultRoute).toEqual({ transit_gateway_route_table_id: inspectionRt, destination_cidr_block: '0.0.0.0/0', transit_gateway_attachment_id: inspectionAttachment });

  // VPC routes
  const routes = Object.values(resourcesOf(module, 'aws_route'));
  const attachmentAddress = (vpc: string): string => (attachmentOf.get(vpc) as string).replace(/^\$\{(.*)\.id\}$/, '$1');
  for (const route of routes) {
    if (route.transit_gateway_id !== undefined) {
      expect(route.transit_gateway_id).toBe(tgwId);
      expect((route.depends_on as string[]).length).toBe(1);
    }
  }
  const [endpointLocal] = Object.keys(module.locals);
  for (const vpc of model.vpcs) {
    if (vpc.role === 'inspection') {
      for (const zone of vpc.zones) {
        const az = zone.availabilityZone;
        const toEndpoint = routes.filter((r) => r.vpc_endpoint_id === `\${local.${String(endpointLocal)}[${JSON.stringify(az)}]}`);
        expect(toEndpoint, `TGW subnet route in ${az}`).toHaveLength(1);
        expect(toEndpoint[0]?.destination_cidr_block).toBe('0.0.0.0/0');
        expect(toEndpoint[0]?.route_table_id).toBe(idOrVariable(zone.transitGatewaySubnet.routeTableId, VARIABLES.inspectionRouteTableId(vpc.name, az, 'tgw_subnet')));
        const firewallTable = idOrVariable(zone.firewallSubnet.routeTableId, VARIABLES.inspectionRouteTableId(vpc.name, az, 'firewall_subnet'));
        expect(routes.filter((r) => r.route_table_id === firewallTable)).toEqual([
          { route_table_id: firewallTable, destination_cidr_block: '0.0.0.0/0', transit_gateway_id: tgwId, depends_on: [attachmentAddress(vpc.name)] },
        ]);
      }
      expect(routes.filter((r) => (r.depends_on as string[] | undefined)?.[0] === attachmentAddress(vpc.name))).toHaveLength(vpc.zones.length);
      continue;
    }
    const expected = [...new Set([...(vpc.role === 'cluster' ? model.transitGateway.cidrBlocks : []), ...vpc.routesViaTransitGateway])];
    const mine = routes.filter((r) => (r.depends_on as string[] | undefined)?.[0] === attachmentAddress(vpc.name));
    expect(mine).toHaveLength(expected.length * vpc.routeTables.length);
    for (const table of vpc.routeTables) {
      const inTable = mine.filter((r) => r.route_table_id === idOrVariable(table.routeTableId, VARIABLES.routeTableId(vpc.name, table.name)));
      expect(inTable.map((r) => r.destination_cidr_block).sort()).toEqual([...expected].sort());
    }
  }

  // GRE from every TGW CIDR block into each cluster VPC's node security group
  const gre = Object.values(resourcesOf(module, 'aws_vpc_security_group_ingress_rule'));
  const clusterVpcs = model.vpcs.filter((v) => v.role === 'cluster' && model.clusters.some((c) => c.vpc === v.name));
  expect(gre).toHaveLength(clusterVpcs.length * model.transitGateway.cidrBlocks.length);
  for (const rule of gre) {
    expect(rule.ip_protocol).toBe('47');
    expect(model.transitGateway.cidrBlocks).toContain(rule.cidr_ipv4);
    expect(rule.from_port).toBeUndefined();
  }
  for (const vpc of clusterVpcs) if (vpc.role === 'cluster' && vpc.nodeSecurityGroupId) expect(gre.filter((r) => r.security_group_id === vpc.nodeSecurityGroupId)).toHaveLength(model.transitGateway.cidrBlocks.length);

  // firewall
  const { firewall } = model;
  const [ruleGroupName, ruleGroup] = only(resourcesOf(module, 'aws_networkfirewall_rule_group'));
  const group = ruleGroup.rule_group as { rule_variables: { ip_sets: { key: string; ip_set: { definition: string[] } }[] }; rules_source: { rules_string: string }; stateful_rule_options: { rule_order: string } };
  expect(ruleGroup.type).toBe('STATEFUL');
  expect(ruleGroup.capacity).toBe(firewall.ruleGroup.capacity);
  expect(ruleGroup.lifecycle).toEqual({ create_before_destroy: true });
  expect(group.rules_source.rules_string).toBe(renderRulesString(firewall));
  expect(group.stateful_rule_options.rule_order).toBe('STRICT_ORDER');
  expect(Object.fromEntries(group.rule_variables.ip_sets.map((s) => [s.key, s.ip_set.definition]))).toEqual(ruleVariables(firewall).ipSets);

  const [policyName, policy] = only(resourcesOf(module, 'aws_networkfirewall_firewall_policy'));
  const body = policy.firewall_policy as Record<string, unknown>;
  expect(body.stateless_default_actions).toEqual(['aws:forward_to_sfe']);
  expect(body.stateless_fragment_default_actions).toEqual(['aws:forward_to_sfe']);
  expect(body.stateful_engine_options).toEqual({ rule_order: 'STRICT_ORDER' });
  expect(body.stateful_rule_group_reference).toEqual([{ resource_arn: ref('aws_networkfirewall_rule_group', ruleGroupName, 'arn'), priority: 1 }]);
  expect(body.policy_variables).toEqual({ rule_variables: [{ key: 'HOME_NET', ip_set: { definition: firewall.homeNet } }] });
  // the shared module decides the actions; pass means none (AWS passes what no rule matches)
  const defaults = statefulDefaultActions(firewall);
  expect(body.stateful_default_actions).toEqual(defaults.length > 0 ? defaults : undefined);
  for (const action of defaults) expect(STATEFUL_DEFAULT_ACTIONS).toContain(action);

  const [firewallName, fw] = only(resourcesOf(module, 'aws_networkfirewall_firewall'));
  expect(fw.firewall_policy_arn).toBe(ref('aws_networkfirewall_firewall_policy', policyName, 'arn'));
  expect(fw.subnet_mapping).toHaveLength(inspectionVpc.zones.length);
  inspectionVpc.zones.forEach((zone, i) => {
    if (zone.firewallSubnet.subnetId) expect((fw.subnet_mapping as { subnet_id: string }[])[i]?.subnet_id).toBe(zone.firewallSubnet.subnetId);
  });
  if (inspectionVpc.vpcId) expect(fw.vpc_id).toBe(inspectionVpc.vpcId);
  const logging = Object.values(resourcesOf(module, 'aws_networkfirewall_logging_configuration'));
  const destinations = [firewall.logging.alert, firewall.logging.flow].filter((d) => d !== undefined);
  expect(logging).toHaveLength(destinations.length > 0 ? 1 : 0);
  if (logging[0]) {
    expect(logging[0].firewall_arn).toBe(ref('aws_networkfirewall_firewall', firewallName, 'arn'));
    const configs = (logging[0].logging_configuration as { log_destination_config: { log_type: string }[] }).log_destination_config;
    expect(configs.map((c) => c.log_type)).toEqual([...(firewall.logging.alert ? ['ALERT'] : []), ...(firewall.logging.flow ? ['FLOW'] : [])]);
  }
}

/** Terraform's Connect peers agree with the model's peers and the GRE tunnels the hosts get. */
export function checkConnectPeers(model: Topology, module: TerraformModule): void {
  const peers = resourcesOf(module, 'aws_ec2_transit_gateway_connect_peer');
  const nodes = model.clusters.flatMap((cluster) => cluster.nodes.map((node) => ({ cluster, node })));
  expect(Object.keys(peers)).toHaveLength(nodes.length);
  const connects = resourcesOf(module, 'aws_ec2_transit_gateway_connect');
  for (const { cluster, node } of nodes) {
    const peer = node.connectPeer;
    const name = named(module, 'aws_ec2_transit_gateway_connect_peer', (b) => (b.tags as Record<string, string>).Name === `${model.name}-${cluster.name}-${node.name}`);
    const body = peers[name] as TfBody;
    expect(body.inside_cidr_blocks).toEqual([peer.insideCidr]);
    expect(body.peer_address).toBe(peer.peerAddress);
    expect(body.peer_address).toBe(node.vpcIp);
    expect(body.peer_address).toBe(node.tunnel.local);
    expect(body.transit_gateway_address).toBe(peer.tgwGreAddress);
    expect(body.transit_gateway_address).toBe(node.tunnel.remote);
    expect(body.bgp_asn).toBe(String(cluster.asNumber));
    const connectName = String(body.transit_gateway_attachment_id).replace(/^\$\{aws_ec2_transit_gateway_connect\.(.*)\.id\}$/, '$1');
    expect((connects[connectName]?.tags as Record<string, string> | undefined)?.Name).toBe(`${model.name}-${peer.attachment}`);
    // the /29's first host is the node's BGP address (the TGW computes the same as bgp_peer_address)
    const [base] = peer.insideCidr.split('/') as [string];
    const octets = base.split('.').map(Number);
    expect(peer.nodeBgpAddress).toBe([...octets.slice(0, 3), (octets[3] as number) + 1].join('.'));
    const output = (module.outputs.connect_peer_bgp_addresses?.value as Record<string, Record<string, string>>)[`${cluster.name}/${node.name}`];
    expect(output?.bgp_peer_address).toBe(`\${aws_ec2_transit_gateway_connect_peer.${name}.bgp_peer_address}`);
  }
  // no two peers share the inside /29 or the (peer, TGW) GRE address pair on the one TGW
  const insides = Object.values(peers).map((b) => (b.inside_cidr_blocks as string[])[0]);
  expect(new Set(insides).size).toBe(insides.length);
  const pairs = Object.values(peers).map((b) => `${String(b.peer_address)}>${String(b.transit_gateway_address)}`);
  expect(new Set(pairs).size).toBe(pairs.length);
}

