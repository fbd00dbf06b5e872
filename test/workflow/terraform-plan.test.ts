// The Terraform preview: created, destroyed, updated in place, and replaced by ForceNew arguments.
import { describe, expect, it } from 'vitest';
import { planTerraform, terraformResources } from '../../src/diff/terraform-plan.js';

const doc = (resource: unknown): string => JSON.stringify({ resource });

describe('planTerraform', () => {
  const peer = (cidr: string, asn = '64600', tags = {}): unknown => ({
    aws_ec2_transit_gateway_connect_peer: {
      w1: { inside_cidr_blocks: [cidr], peer_address: '10.0.0.1', bgp_asn: asn, transit_gateway_attachment_id: '${aws_ec2_transit_gateway_connect.c1.id}', tags },
    },
  });

  it('replaces a Connect peer whose inside CIDR or ASN changes, updates it in place for tags', () => {
    const before = terraformResources(doc(peer('169.254.8.8/29')));
    expect(planTerraform(before, terraformResources(doc(peer('169.254.9.0/29')))).replaced).toEqual([
      {
        address: 'aws_ec2_transit_gateway_connect_peer.w1',
        type: 'aws_ec2_transit_gateway_connect_peer',
        changes: [{ name: 'inside_cidr_blocks', before: '["169.254.8.8/29"]', after: '["169.254.9.0/29"]' }],
      },
    ]);
    expect(planTerraform(before, terraformResources(doc(peer('169.254.8.8/29', '64601')))).replaced[0]!.changes.map((c) => c.name)).toEqual(['bgp_asn']);
    const tagged = planTerraform(before, terraformResources(doc(peer('169.254.8.8/29', '64600', { team: 'x' }))));
    expect(tagged.replaced).toEqual([]);
    expect(tagged.updated).toEqual(['aws_ec2_transit_gateway_connect_peer.w1']);
  });

  it('replaces a rule group on capacity or rule order, not on new rules; reads nested blocks as objects or arrays', () => {
    const group = (capacity: number, order: string, rules: string, asArray: boolean): string => {
      const ruleGroup = { rules_source: { rules_string: rules }, stateful_rule_options: { rule_order: order } };
      return doc({ aws_networkfirewall_rule_group: { g: { name: 'g', type: 'STATEFUL', capacity, rule_group: asArray ? [ruleGroup] : ruleGroup } } });
    };
    const base = terraformResources(group(100, 'STRICT_ORDER', 'a', false));
    expect(planTerraform(base, terraformResources(group(100, 'STRICT_ORDER', 'b', true))).updated).toEqual(['aws_networkfirewall_rule_group.g']);
    expect(planTerraform(base, terraformResources(group(200, 'STRICT_ORDER', 'a', false))).replaced[0]!.changes).toEqual([{ name: 'capacity', before: '100', after: '200' }]);
    expect(planTerraform(base, terraformResources(group(100, 'DEFAULT_ACTION_ORDER', 'a', true))).replaced[0]!.changes.map((c) => c.name)).toEqual([
      'rule_group.stateful_rule_options.rule_order',
    ]);
  });

  it('lists created and destroyed addresses, accepts resource arrays, compares sets ignoring order, skips unparsable files', () => {
    const before = terraformResources(doc([{ aws_route: { a: { route_table_id: 'r', destination_cidr_block: '0.0.0.0/0' } } }, { aws_route: { b: { route_table_id: 'r' } } }]));
    const after = terraformResources(doc({ aws_route: { a: { destination_cidr_block: '0.0.0.0/0', route_table_id: 'r' } }, aws_security_group_rule: { s: { cidr_blocks: ['b', 'a'] } } }));
    const plan = planTerraform(before, after);
    expect(plan).toEqual({ created: ['aws_security_group_rule.s'], destroyed: ['aws_route.b'], replaced: [], updated: ['aws_route.a'] });
    const sets = planTerraform(after, terraformResources(doc({ aws_security_group_rule: { s: { cidr_blocks: ['a', 'b'] } } })));
    expect(sets.replaced).toEqual([]);
    expect(terraformResources('not json')).toEqual([]);
  });
});
