// Every file validates against the Terraform-JSON schema of the provider subset (ajv, draft 2020-12,
// strict), and every `${…}` reference names something declared, with attributes the provider has.
import { describe, expect, it } from 'vitest';
import { emitTerraform } from '../../src/emit/terraform/index.js';
import { HAND_BUILT } from './cases.js';
import { checkExpression, interpolations } from './hcl-references.js';
import { declarations, readModule, templateStrings } from './module.js';
import { schemaErrors } from './schema.js';

describe.each(HAND_BUILT)('Terraform module of the $name model', ({ model }) => {
  const result = emitTerraform(model());
  const module = readModule(result.artifacts);
  const declared = declarations(module);

  it('emits only terraform/*.tf.json files', () => {
    for (const artifact of result.artifacts) expect(artifact.path).toMatch(/^terraform\/[a-z-]+\.tf\.json$/);
  });

  it('validates every file against aws-subset.tf.schema.json', () => {
    for (const artifact of result.artifacts) expect(schemaErrors(JSON.parse(artifact.content)), artifact.path).toEqual([]);
  });

  it('references only declared names and existing attributes', () => {
    const used = new Set<string>();
    let count = 0;
    for (const { text } of templateStrings(module)) {
      for (const expression of interpolations(text)) {
        count++;
        for (const root of checkExpression(expression, declared)) used.add(root);
      }
    }
    expect(count).toBeGreaterThan(20);
    // every variable and local is used somewhere (no dead inputs)
    for (const name of declared.variables) expect(used.has(`var.${name}`), `var.${name} unused`).toBe(true);
    for (const name of declared.locals) expect(used.has(`local.${name}`), `local.${name} unused`).toBe(true);
  });

  it('lists only declared resources in depends_on', () => {
    for (const named of Object.values(module.resources)) {
      for (const body of Object.values(named)) {
        for (const address of (body.depends_on as string[] | undefined) ?? []) expect(declared.resources.has(address), address).toBe(true);
      }
    }
  });

  it('serializes with 2-space indentation and a trailing newline', () => {
    for (const artifact of result.artifacts) {
      expect(artifact.content).toBe(`${JSON.stringify(JSON.parse(artifact.content), null, 2)}\n`);
      expect(artifact.mode).toBe(0o644);
    }
  });
});

describe('the reference checker', () => {
  const declared = { variables: new Set(['x']), locals: new Set(['m']), resources: new Set(['aws_networkfirewall_firewall.fw', 'aws_ec2_transit_gateway.t']) };
  it('accepts declared names, existing attributes and for-expression variables', () => {
    expect(checkExpression('var.x', declared)).toEqual(['var.x']);
    expect(checkExpression('local.m["a"]', declared)).toEqual(['local.m']);
    expect(
      checkExpression('{ for s in aws_networkfirewall_firewall.fw.firewall_status[0].sync_states : s.availability_zone => s.attachment[0].endpoint_id }', declared),
    ).toEqual(['aws_networkfirewall_firewall.fw']);
  });
  it.each([
    ['var.y', /var.y is not declared/],
    ['local.n', /local.n is not declared/],
    ['aws_ec2_transit_gateway.u.id', /not declared/],
    ['aws_ec2_transit_gateway.t.endpoint', /no attribute "endpoint"/],
    ['aws_ec2_transit_gateway.t', /must name an attribute/],
    ['aws_networkfirewall_firewall.fw.firewall_status[0].sync_states[0].availability_zone', /a set cannot be indexed/],
    ['{ for s in aws_networkfirewall_firewall.fw.firewall_status[0].sync_states : s.zone => s.attachment[0].endpoint_id }', /no attribute "zone"/],
    ['aws_vpc.v.id', /neither a declared name nor a resource type/],
    ['lookup(local.m, "a")', /function calls/],
  ])('rejects %s', (expression, reason) => {
    expect(() => checkExpression(expression, declared)).toThrow(reason);
  });
  it('skips escaped $${ and finds nested braces', () => {
    expect(interpolations('a $${b} ${var.x} ${{ for k in local.m : k => k }}')).toEqual(['var.x', '{ for k in local.m : k => k }']);
  });
});

describe('the schema check', () => {
  it('rejects a computed-only attribute and an unknown argument', () => {
    const document = { resource: { aws_ec2_transit_gateway_connect_peer: { p: { inside_cidr_blocks: ['169.254.8.8/29'], peer_address: '10.0.0.1', transit_gateway_attachment_id: 'x', bgp_peer_address: '169.254.8.9' } } } };
    expect(schemaErrors(document).length).toBeGreaterThan(0);
    const unknown = { resource: { aws_route: { r: { route_table_id: 'rtb-1', destination: '0.0.0.0/0' } } } };
    expect(schemaErrors(unknown).length).toBeGreaterThan(0);
  });
});
