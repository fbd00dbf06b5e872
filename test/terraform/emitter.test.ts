// Properties of the emitter itself: names from spec names (never positions), determinism, clash
// diagnostics, template escaping, one TGW for several clusters.
import { describe, expect, it } from 'vitest';
import type { Topology } from '../../src/model/types.js';
import { emitTerraform, terraformNameClashes } from '../../src/emit/terraform/index.js';
import { templateLiteral } from '../../src/emit/terraform/json.js';
import { identifier } from '../../src/render/terraform/names.js';
import { interpolations } from './hcl-references.js';
import { readModule, resourcesOf, templateStrings } from './module.js';
import { seedTopology, twoClusterTopology } from './topologies.js';

const addresses = (model: Topology): string[] => {
  const module = readModule(emitTerraform(model).artifacts);
  return [
    ...Object.entries(module.resources).flatMap(([type, named]) => Object.keys(named).map((name) => `${type}.${name}`)),
    ...Object.keys(module.variables).map((v) => `var.${v}`),
  ].sort();
};

describe('Terraform names', () => {
  it('are valid identifiers built from the parts', () => {
    expect(identifier('central-inspection')).toBe('central_inspection');
    expect(identifier('cluster', 'nodes', '10.0.0.0/16')).toBe('cluster_nodes_10_0_0_0_16');
    expect(identifier('1st', 'vpc')).toBe('_1st_vpc');
    for (const name of addresses(twoClusterTopology())) expect(name).toMatch(/^[a-z0-9_]+\.[A-Za-z_][A-Za-z0-9_]*$/);
  });

  it('do not depend on list positions: reordering VPCs, clusters, nodes and zones renames nothing', () => {
    const model = twoClusterTopology();
    const reordered: Topology = {
      ...model,
      vpcs: [...model.vpcs].reverse().map((v) => (v.role === 'inspection' ? { ...v, zones: [...v.zones].reverse() } : v)),
      clusters: [...model.clusters].reverse().map((c) => ({ ...c, nodes: [...c.nodes].reverse() })),
    };
    expect(addresses(reordered)).toEqual(addresses(model));
  });

  it('find a clash (for the checker: terraform-name-clash) and never write one resource over another', () => {
    const model = twoClusterTopology();
    const [payments, analytics] = model.clusters as [Topology['clusters'][number], Topology['clusters'][number]];
    // cluster "payments" node "a-b" and cluster "payments-a" node "b" both map to payments_a_b
    const clashing: Topology = {
      ...model,
      clusters: [
        { ...payments, nodes: [{ ...(payments.nodes[0] as Topology['clusters'][number]['nodes'][number]), name: 'a-b' }] },
        { ...analytics, name: 'payments-a', nodes: [{ ...(analytics.nodes[0] as Topology['clusters'][number]['nodes'][number]), name: 'b' }] },
      ],
    };
    // each with the spec object it comes from, for the checker to point at both
    expect(terraformNameClashes(clashing).map((c) => ({ address: c.address, sources: c.owners.map((o) => o.source) }))).toEqual([
      {
        address: 'aws_ec2_transit_gateway_connect_peer.payments_a_b',
        sources: [
          { kind: 'peeringNode', cluster: 'payments', node: 'a-b' },
          { kind: 'peeringNode', cluster: 'payments-a', node: 'b' },
        ],
      },
    ]);
    expect(() => emitTerraform(clashing)).toThrow(/unchecked model/);
  });
});

describe('the Terraform emitter', () => {
  it('is deterministic', () => {
    expect(emitTerraform(twoClusterTopology())).toEqual(emitTerraform(twoClusterTopology()));
  });

  it('puts several clusters on one TGW', () => {
    const module = readModule(emitTerraform(twoClusterTopology()).artifacts);
    expect(Object.keys(resourcesOf(module, 'aws_ec2_transit_gateway'))).toEqual(['hub']);
    const transports = Object.values(resourcesOf(module, 'aws_ec2_transit_gateway_connect')).map((c) => c.transport_attachment_id);
    expect(new Set(transports)).toEqual(new Set(['${aws_ec2_transit_gateway_vpc_attachment.payments.id}', '${aws_ec2_transit_gateway_vpc_attachment.analytics.id}']));
  });

  it('declares a variable for every AWS id the spec leaves open, and none for ids it gives', () => {
    const open = readModule(emitTerraform(seedTopology()).artifacts).variables;
    expect(Object.keys(open).sort()).toEqual([
      'cluster_eu_west_1a_attachment_subnet_id',
      'cluster_eu_west_1b_attachment_subnet_id',
      'cluster_node_security_group_id',
      'cluster_nodes_route_table_id',
      'cluster_vpc_id',
      'inspection_eu_west_1a_firewall_subnet_id',
      'inspection_eu_west_1a_firewall_subnet_route_table_id',
      'inspection_eu_west_1a_tgw_subnet_id',
      'inspection_eu_west_1a_tgw_subnet_route_table_id',
      'inspection_eu_west_1b_firewall_subnet_id',
      'inspection_eu_west_1b_firewall_subnet_route_table_id',
      'inspection_eu_west_1b_tgw_subnet_id',
      'inspection_eu_west_1b_tgw_subnet_route_table_id',
      'inspection_vpc_id',
      'service_eu_west_1a_attachment_subnet_id',
      'service_private_route_table_id',
      'service_vpc_id',
    ]);
    for (const variable of Object.values(open)) {
      expect(variable.type).toBe('string');
      expect(variable.description.length).toBeGreaterThan(10);
    }
    // the two-cluster model gives the payments and inspection ids: only the others stay open
    const given = Object.keys(readModule(emitTerraform(twoClusterTopology()).artifacts).variables);
    expect(given.filter((v) => v.startsWith('payments_') || v.startsWith('inspection_'))).toEqual([]);
  });

  it('escapes template sequences in text it does not control', () => {
    expect(templateLiteral('a ${b} %{c} $${d}')).toBe('a $${b} %%{c} $$${d}');
    const model = twoClusterTopology();
    model.firewall.logging = { alert: { type: 'cloudwatch', logGroup: '/fw/${oops}' } };
    const module = readModule(emitTerraform(model).artifacts);
    const [logging] = Object.values(resourcesOf(module, 'aws_networkfirewall_logging_configuration'));
    expect(JSON.stringify(logging)).toContain('/fw/$${oops}');
    for (const { text } of templateStrings(module)) for (const expression of interpolations(text)) expect(expression).not.toContain('oops');
  });

  it('names the rule group with its capacity, so create_before_destroy never meets the old name', () => {
    // a fresh model per capacity: the emitter builds the module once per model object
    const name = (capacity: number): unknown => {
      const model = seedTopology();
      model.firewall.ruleGroup.capacity = capacity;
      return Object.values(resourcesOf(readModule(emitTerraform(model).artifacts), 'aws_networkfirewall_rule_group'))[0]?.name;
    };
    expect(name(100)).toBe('seed-egress-gateways-c100');
    expect(name(200)).not.toBe(name(100));
  });
});

// The checks guarantee the cross-references (the firewall's inspection VPC, every node's attachment);
// a hand-built model without them makes the emitter throw rather than write dangling references.
describe('an inconsistent model', () => {
  it('throws instead of writing dangling references', () => {
    const model = seedTopology();
    const noInspection: Topology = { ...model, vpcs: model.vpcs.filter((v) => v.role !== 'inspection') };
    expect(() => emitTerraform(noInspection)).toThrow();
    const strayPeer = seedTopology();
    const [cluster] = strayPeer.clusters;
    if (cluster?.nodes[0]) cluster.nodes[0].connectPeer.attachment = 'demo-connect-9';
    expect(() => emitTerraform(strayPeer)).toThrow(/demo-connect-9/);
  });
});
