// Terraform itself on every fixture's module: `terraform init` from the local provider mirror only,
// `terraform validate`, an offline `terraform plan` (fake credentials, skip flags, -refresh=false) of a
// root that calls each module with for_each and an aliased provider (and once more with count and
// depends_on), and the AWS design facts read back from `terraform show -json`. The emitted
// terraform-root/ (multi) is initialised and validated as it stands. CI fails when Terraform or the
// mirror is missing; elsewhere these tests are skipped, saying why.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Topology } from '../../src/model/types.js';
import { RESERVED, within } from '../allocate/aws-rules.js';
import { compileFixture } from '../support/fixtures.js';
import { itUnlessMissing } from '../support/real-tools.js';
import { readModule, type TerraformModule } from './module.js';
import {
  missingTerraform,
  OFFLINE_PROVIDER,
  plannedInstance,
  referencedResource,
  TerraformWorkspace,
  type PlanJson,
  type PlannedInstance,
  type PlannedResource,
} from './terraform-cli.js';

const FIXTURES = ['seed', 'multi', 'live-interface-route'] as const;
/** The for_each key of every module call. */
const KEY = 'blue';
const callName = (fixture: string): string => fixture.replace(/-/g, '_');
const providerAlias = (fixture: string): string => `network_${callName(fixture)}`;

const missing = missingTerraform();
const itTf = itUnlessMissing(missing);

interface Fixture {
  model: Topology;
  module: TerraformModule;
  rulesFile: string;
}

/** A fake AWS id per variable, of the kind its name says (vpc-, subnet-, rtb-, sg-). */
function fakeIds(variables: readonly string[]): Record<string, string> {
  const prefixes: [RegExp, string][] = [
    [/_vpc_id$/, 'vpc'],
    [/_subnet_id$/, 'subnet'],
    [/_route_table_id$/, 'rtb'],
    [/_security_group_id$/, 'sg'],
  ];
  return Object.fromEntries(
    variables.map((name, i) => {
      const prefix = prefixes.find(([pattern]) => pattern.test(name))?.[1];
      if (!prefix) throw new Error(`variable ${name}: no AWS id kind known for it`);
      return [name, `${prefix}-${(i + 1).toString(16).padStart(17, '0')}`];
    }),
  );
}

describe('Terraform (the real binary, offline) on every fixture module', () => {
  const fixtures = new Map<string, Fixture>();
  let dir = '';
  let validateOutput = '';
  let plan: PlanJson | undefined;
  let rootValidateOutput = '';

  beforeAll(async () => {
    if (missing.length > 0) return;
    dir = mkdtempSync(join(tmpdir(), 'egressc-terraform-'));
    const root: Record<string, unknown> = { provider: { aws: [] as unknown[] }, module: {}, output: {} };
    for (const fixture of FIXTURES) {
      const compiled = compileFixture(`${fixture}/topology.yaml`, { useLock: true });
      if (!compiled.model) throw new Error(`${fixture} does not compile: ${JSON.stringify(compiled.diagnostics)}`);
      for (const artifact of compiled.artifacts) {
        const target = join(dir, fixture, artifact.path);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, artifact.content);
      }
      const module = readModule(compiled.artifacts);
      const rules = compiled.artifacts.find((a) => a.path === `firewall/${compiled.model!.firewall.ruleGroup.name}.rules`);
      if (!rules) throw new Error(`${fixture}: no rules file`);
      fixtures.set(fixture, { model: compiled.model, module, rulesFile: rules.content });

      const call = callName(fixture);
      (root.provider as { aws: unknown[] }).aws.push({ alias: providerAlias(fixture), region: compiled.model.aws.region, ...OFFLINE_PROVIDER });
      const inputs = fakeIds(Object.keys(module.variables));
      const providers = { aws: `aws.${providerAlias(fixture)}` };
      const calls = root.module as Record<string, unknown>;
      calls[call] = { source: `../${fixture}/terraform`, for_each: { [KEY]: {} }, providers, ...inputs };
      // count and depends_on on the same module (count 0: validated, nothing planned)
      calls[`${call}_counted`] = { source: `../${fixture}/terraform`, count: 0, depends_on: [`module.${call}`], providers, ...inputs };
      for (const output of Object.keys(module.outputs)) (root.output as Record<string, unknown>)[`${call}_${output}`] = { value: `\${module.${call}["${KEY}"].${output}}` };
    }
    mkdirSync(join(dir, 'root'));
    writeFileSync(join(dir, 'root', 'main.tf.json'), `${JSON.stringify(root, null, 2)}\n`);

    // the emitted root (multi) and the test's root run side by side: Terraform mostly waits on the provider
    const emittedRoot = join(dir, 'multi', 'terraform-root');
    const rootWorkspace = new TerraformWorkspace(join(dir, 'root-workspace'));
    const emittedRootValidated = rootWorkspace
      .run(emittedRoot, ['init', '-input=false', '-backend=false'])
      .then(() => rootWorkspace.run(emittedRoot, ['validate']));
    emittedRootValidated.catch(() => undefined); // awaited below; a failure of the other chain must not leave it unhandled

    const workspace = new TerraformWorkspace(join(dir, 'workspace'));
    const config = join(dir, 'root');
    await workspace.run(config, ['init', '-input=false', '-backend=false']);
    validateOutput = await workspace.run(config, ['validate']);
    await workspace.run(config, ['plan', '-refresh=false', '-lock=false', '-input=false', `-out=${join(dir, 'plan.bin')}`]);
    plan = JSON.parse(await workspace.run(config, ['show', '-json', join(dir, 'plan.bin')])) as PlanJson;
    rootValidateOutput = await emittedRootValidated;
  }, 900_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const instance = (fixture: string): PlannedInstance => {
    if (!plan) throw new Error('no plan');
    return plannedInstance(plan, callName(fixture), KEY);
  };
  const ofType = (planned: PlannedInstance, type: string): [string, PlannedResource][] => [...planned.resources].filter(([, r]) => r.type === type);
  /** the planned resource of `type` whose Name tag is `name` (exactly one) */
  const tagged = (planned: PlannedInstance, type: string, name: string): string => {
    const hits = ofType(planned, type).filter(([, r]) => (r.values.tags as Record<string, string> | undefined)?.Name === name);
    expect(hits.map(([address]) => address), `${type} named ${name}`).toHaveLength(1);
    return hits[0]![0];
  };

  itTf('init takes the provider from the mirror only, and validate accepts the modules with for_each, count, depends_on and an aliased provider', () => {
    expect(validateOutput).toMatch(/Success! The configuration is valid/);
  });

  itTf('the emitted terraform-root/ (multi) initialises and validates as it stands', () => {
    expect(rootValidateOutput).toMatch(/Success! The configuration is valid/);
  });

  describe.each(FIXTURES)('the plan of fixtures/%s', (fixture) => {
    itTf('creates every resource of the module, through the aliased provider', () => {
      const { module } = fixtures.get(fixture)!;
      const expected = Object.entries(module.resources).flatMap(([type, named]) => Object.keys(named).map((name) => `${type}.${name}`));
      const prefix = `module.${callName(fixture)}[${JSON.stringify(KEY)}].`;
      const changes = plan!.resource_changes.filter((c) => c.address.startsWith(prefix));
      expect(changes.map((c) => c.address.slice(prefix.length)).sort()).toEqual(expected.sort());
      for (const change of changes) expect(change.change.actions, change.address).toEqual(['create']);
      expect(plan!.resource_changes.filter((c) => c.address.startsWith(`module.${callName(fixture)}_counted`))).toEqual([]);
      const planned = instance(fixture);
      for (const [address, config] of planned.config) expect(config.provider_config_key, address).toBe(`aws.${providerAlias(fixture)}`);
    });

    itTf('holds the Connect peers as allocated: inside /29s, GRE addresses in the TGW blocks, at most 4 peers per Connect attachment', () => {
      const { model } = fixtures.get(fixture)!;
      const planned = instance(fixture);
      const [, tgw] = ofType(planned, 'aws_ec2_transit_gateway')[0]!;
      const blocks = tgw.values.transit_gateway_cidr_blocks as string[];
      expect(blocks).toEqual(model.transitGateway.cidrBlocks);
      const peers = ofType(planned, 'aws_ec2_transit_gateway_connect_peer');
      expect(peers).toHaveLength(model.clusters.reduce((n, c) => n + c.nodes.length, 0));
      const insides = new Set<string>();
      const perAttachment = new Map<string, number>();
      for (const [address, peer] of peers) {
        const inside = peer.values.inside_cidr_blocks as string[];
        expect(inside, address).toHaveLength(1);
        expect(inside[0], address).toMatch(/\/29$/);
        expect(within(inside[0]!, '169.254.0.0/16'), address).toBe(true);
        expect(within(inside[0]!, model.transitGateway.insideCidrPool), address).toBe(true);
        expect(RESERVED, address).not.toContain(inside[0]);
        insides.add(inside[0]!);
        const gre = peer.values.transit_gateway_address as string;
        expect(blocks.some((block) => within(`${gre}/32`, block)), `${address} GRE ${gre}`).toBe(true);
        const attachment = referencedResource(planned, address, 'transit_gateway_attachment_id');
        expect(attachment, address).toMatch(/^aws_ec2_transit_gateway_connect\./);
        perAttachment.set(attachment, (perAttachment.get(attachment) ?? 0) + 1);
        const node = model.clusters.flatMap((c) => c.nodes).find((n) => n.connectPeer.insideCidr === inside[0]);
        expect(node, `${address}: no node has ${inside[0]}`).toBeDefined();
        expect(peer.values.peer_address).toBe(node!.vpcIp);
        expect(gre).toBe(node!.connectPeer.tgwGreAddress);
      }
      expect(insides.size).toBe(peers.length);
      for (const [attachment, count] of perAttachment) expect(count, attachment).toBeLessThanOrEqual(4);
    });

    itTf('routes every spoke through the firewall: appliance mode on the inspection attachment, associations, propagations, the default route', () => {
      const { model } = fixtures.get(fixture)!;
      const planned = instance(fixture);
      const inspection = tagged(planned, 'aws_ec2_transit_gateway_vpc_attachment', `${model.name}-${model.firewall.vpc}`);
      for (const [address, attachment] of ofType(planned, 'aws_ec2_transit_gateway_vpc_attachment')) {
        expect(attachment.values.appliance_mode_support, address).toBe(address === inspection ? 'enable' : 'disable');
      }
      const spokes = [
        ...model.vpcs.filter((v) => v.name !== model.firewall.vpc).map((v) => tagged(planned, 'aws_ec2_transit_gateway_vpc_attachment', `${model.name}-${v.name}`)),
        ...model.clusters.flatMap((c) => c.connectAttachments).map((a) => tagged(planned, 'aws_ec2_transit_gateway_connect', `${model.name}-${a.name}`)),
      ].sort();
      expect(ofType(planned, 'aws_ec2_transit_gateway_route_table')).toHaveLength(2);
      const inspectionRt = tagged(planned, 'aws_ec2_transit_gateway_route_table', `${model.name}-${model.transitGateway.routeTables.inspection}`);
      const firewallRt = tagged(planned, 'aws_ec2_transit_gateway_route_table', `${model.name}-${model.transitGateway.routeTables.firewall}`);

      const links = (type: string): [string, string][] =>
        ofType(planned, type).map(([address]) => [referencedResource(planned, address, 'transit_gateway_route_table_id'), referencedResource(planned, address, 'transit_gateway_attachment_id')]);
      const from = (pairs: [string, string][], table: string): string[] => pairs.filter(([t]) => t === table).map(([, a]) => a).sort();
      const associations = links('aws_ec2_transit_gateway_route_table_association');
      expect(associations).toHaveLength(spokes.length + 1);
      expect(from(associations, inspectionRt)).toEqual(spokes);
      expect(from(associations, firewallRt)).toEqual([inspection]);
      const propagations = links('aws_ec2_transit_gateway_route_table_propagation');
      expect(propagations).toHaveLength(spokes.length);
      expect(from(propagations, firewallRt)).toEqual(spokes);

      const routes = ofType(planned, 'aws_ec2_transit_gateway_route');
      expect(routes).toHaveLength(1);
      const [routeAddress, route] = routes[0]!;
      expect(route.values.destination_cidr_block).toBe('0.0.0.0/0');
      expect(referencedResource(planned, routeAddress, 'transit_gateway_route_table_id')).toBe(inspectionRt);
      expect(referencedResource(planned, routeAddress, 'transit_gateway_attachment_id')).toBe(inspection);
    });

    itTf('uploads exactly the rules of firewall/<group>.rules (without its comment header) as the rule group', () => {
      const { model, rulesFile } = fixtures.get(fixture)!;
      const planned = instance(fixture);
      const groups = ofType(planned, 'aws_networkfirewall_rule_group');
      expect(groups).toHaveLength(1);
      const [, group] = groups[0]!;
      const ruleGroup = (group.values.rule_group as { rules_source: { rules_string: string }[] }[])[0]!;
      const lines = rulesFile.split('\n');
      const firstRule = lines.findIndex((line) => line !== '' && !line.startsWith('#'));
      expect(firstRule).toBeGreaterThan(0);
      const rules = lines.slice(firstRule).join('\n');
      expect(rules.length).toBeGreaterThan(0);
      expect(ruleGroup.rules_source[0]!.rules_string).toBe(rules);
      expect(group.values.capacity).toBe(model.firewall.ruleGroup.capacity);
    });
  });
});
