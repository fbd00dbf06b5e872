// Example tests of the allocator on the seed fixture and edits of it: the article's values, errors with
// their lines, warnings for replacements, and the resolved model's non-allocated fields.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allocateAttachments, tunnelInterfaceName } from '../../src/allocate/connect-peers.js';
import { allocateFirewallIds, headroomCapacity } from '../../src/allocate/firewall-ids.js';
import type { PlannedRule } from '../../src/model/firewall-rules.js';
import { emptyLock, serializeLock, type Lock } from '../../src/allocate/lock.js';
import { analyze, loadSpec } from '../../src/compile.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import type { SourceFile } from '../../src/load/source.js';
import type { Topology } from '../../src/model/types.js';
import { specSchema } from '../../src/spec/schema.js';
import { compileFixture, FIXTURES, readSource } from '../support/fixtures.js';

const SEED_PATH = join(FIXTURES, 'seed/topology.yaml');
const SEED = readFileSync(SEED_PATH, 'utf8');
const TEMPLATE = readSource(join(FIXTURES, 'seed/templates/bird.cfg.template'));

interface Allocation {
  diagnostics: Diagnostic[];
  model?: Topology;
  /** the next lock, or the previous one when the spec has errors */
  lock: Lock;
}

/** The analysis validate and build share (checks, allocation, model checks), with the lock in memory. */
function allocateText(text: string, previousLock?: Lock, files: ReadonlyMap<string, SourceFile> = new Map([['templates/bird.cfg.template', TEMPLATE]])): Allocation {
  const path = 'fixtures/seed/topology.yaml';
  const lock = previousLock ? { lock: { path: 'fixtures/seed/seed.lock.yaml', text: serializeLock(previousLock) } } : {};
  const analysis = analyze({ spec: { path, text }, files, ...lock });
  return { diagnostics: analysis.diagnostics, ...(analysis.model ? { model: analysis.model } : {}), lock: analysis.lock ?? previousLock ?? emptyLock() };
}

function edit(text: string, from: string, to: string): string {
  expect(text, `the seed contains ${JSON.stringify(from)}`).toContain(from);
  return text.replace(from, to);
}

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((line) => line.includes(needle)) + 1;

const WORKER_3 = `        - name: worker-3
          vpcIp: 172.31.30.10
          availabilityZone: eu-west-1b
      egressGateways:`;
const addWorker3 = (text: string): string => edit(text, '      egressGateways:', WORKER_3);

const errors = (a: Allocation) => a.diagnostics.filter((d) => d.severity === 'error');
// the allocation stage's warnings (the path checks warn about the seed's undocumented return path)
const warnings = (a: Allocation) => a.diagnostics.filter((d) => d.severity === 'warning' && /^(allocation|capacity)-/.test(d.code));
const findings = (a: Allocation) => [...errors(a), ...warnings(a)];

describe('the seed fixture', () => {
  it('keeps 169.254.8.8/29 for worker-1, whose BGP address is 169.254.8.9', () => {
    const out = compileFixture('seed/topology.yaml', { useLock: true });
    const worker1 = out.model!.clusters[0]!.nodes.find((n) => n.name === 'worker-1')!;
    expect(worker1.connectPeer).toMatchObject({
      insideCidr: '169.254.8.8/29',
      nodeBgpAddress: '169.254.8.9',
      tgwBgpAddresses: ['169.254.8.10', '169.254.8.11'],
      tgwGreAddress: '192.0.2.1',
      peerAddress: '172.31.10.10',
      attachment: 'demo-connect-1',
    });
    expect(worker1.tunnel).toEqual({ interfaceName: 'tgw-central', mode: 'gre', local: '172.31.10.10', remote: '192.0.2.1', ttl: 255, mtu: 1456 });
  });

  it('keeps 169.254.8.8/29 for worker-1 after its pin is removed and a node is added', () => {
    const first = allocateText(SEED);
    const edited = addWorker3(edit(SEED, '          pin:\n            insideCidr: 169.254.8.8/29   # the article\'s tunnel: the node is 169.254.8.9\n', ''));
    const second = allocateText(edited, first.lock);
    expect(findings(second)).toEqual([]);
    expect(second.lock.connectPeers['demo/worker-1']).toEqual(first.lock.connectPeers['demo/worker-1']);
    expect(second.lock.connectPeers['demo/worker-2']).toEqual(first.lock.connectPeers['demo/worker-2']);
    // the new node takes the lowest free /29 and GRE address
    expect(second.lock.connectPeers['demo/worker-3']).toEqual({ connectAttachment: 'demo-connect-1', insideCidr: '169.254.0.16/29', interfaceName: 'tgw-central', tgwGreAddress: '192.0.2.3' });
  });

  it('resolves the non-allocated parts of the model', () => {
    const model = allocateText(SEED).model!;
    expect(model.vpcs.find((v) => v.name === 'cluster')).toMatchObject({ role: 'cluster', routesViaTransitGateway: ['10.0.0.0/16'] });
    expect(model.vpcs.find((v) => v.name === 'service')).toMatchObject({ role: 'destination', routesViaTransitGateway: ['0.0.0.0/0'] });
    const cluster = model.clusters[0]!;
    expect(cluster.calico).toEqual({ edition: 'enterprise', major: 3, minor: 22, text: '3.22' });
    expect(cluster.multihop).toEqual({ strategy: 'templatePatch', templates: [{ fileName: 'bird.cfg.template', specPath: 'templates/bird.cfg.template', text: TEMPLATE.text }] });
    expect(cluster.egressGateways[0]).toMatchObject({ name: 'egw-database', cluster: 'demo', pool: { name: 'egw-database', cidr: '198.51.100.0/29' }, nodeSelector: [] });
    expect(cluster.connectAttachments).toEqual([{ name: 'demo-connect-1', cluster: 'demo', number: 1, peers: ['worker-1', 'worker-2'] }]);
    expect(model.firewall.homeNet).toEqual(['10.0.0.0/16', '10.100.0.0/16', '172.31.0.0/16', '198.51.100.0/29']);
    expect(model.firewall.rules.map((r) => [r.key, r.sid, r.rev])).toEqual([
      ['allow/app-to-database/egw-database/database/tcp', 1000001, 1],
      ['protect/database', 1000002, 1],
    ]);
    expect(model.firewall.ruleGroup).toEqual({ name: 'egress-gateways', capacity: 100 });
  });

  it('sorts the node selector, deduplicates home net and routes, parses patch versions', () => {
    const multi = compileFixture('multi/topology.yaml').model!;
    const payments = multi.clusters.find((c) => c.name === 'payments')!;
    expect(payments.calico).toEqual({ edition: 'enterprise', major: 3, minor: 22, patch: 2, text: '3.22.2' });
    expect(payments.egressGateways.map((g) => g.pool)).toEqual([
      { name: 'egw-ledger', cidr: '198.51.100.0/28' },
      { name: 'reports-egress', cidr: '198.51.100.16/28' },
    ]);
    expect(multi.clusters.find((c) => c.name === 'analytics')!.multihop).toEqual({ strategy: 'interfaceRoute', templates: [] });
    expect(multi.vpcs.find((v) => v.name === 'reporting')).toMatchObject({ routesViaTransitGateway: ['10.20.0.0/16', '10.30.0.0/16', '198.51.100.16/28', '198.51.100.32/29'] });

    const text = edit(SEED, '          clients:\n            namespaces: [app]', '          nodeSelector: {zone: a, egress: "true", app: x}\n          clients:\n            namespaces: [app]');
    const withSelector = allocateText(edit(text, 'routesViaTransitGateway: [service]', 'routesViaTransitGateway: [service, 10.0.0.0/16, 0.0.0.0/0]')).model!;
    expect(withSelector.clusters[0]!.egressGateways[0]!.nodeSelector).toEqual([
      ['app', 'x'],
      ['egress', 'true'],
      ['zone', 'a'],
    ]);
    // deduplicated and in numeric order, whatever the spec's order
    expect(withSelector.vpcs.find((v) => v.name === 'cluster')).toMatchObject({ routesViaTransitGateway: ['0.0.0.0/0', '10.0.0.0/16'] });
  });

  it('gives the multi fixture two attachments for six payments nodes and honours both pins', () => {
    const payments = compileFixture('multi/topology.yaml').model!.clusters.find((c) => c.name === 'payments')!;
    expect(payments.connectAttachments.map((a) => [a.name, a.peers])).toEqual([
      ['payments-connect-1', ['pay-a1', 'pay-a2', 'pay-b1', 'pay-b2']],
      ['payments-connect-2', ['pay-c1', 'pay-c2']],
    ]);
    const c2 = payments.nodes.find((n) => n.name === 'pay-c2')!;
    expect(c2.connectPeer).toMatchObject({ insideCidr: '169.254.101.0/29', tgwGreAddress: '203.0.113.10' });
    expect(c2.tunnel.mtu).toBe(1456);
    expect(payments.nodes.find((n) => n.name === 'pay-a1')!.tunnel.mtu).toBe(8456);
  });
});

describe('errors', () => {
  it('rejects a pin of a reserved /29 at its line', () => {
    const text = edit(SEED, 'insideCidr: 169.254.8.8/29', 'insideCidr: 169.254.169.248/29');
    const line = lineOf(text, '169.254.169.248/29');
    const result = allocateText(text);
    expect(result.model).toBeUndefined();
    expect(errors(result)).toEqual([
      expect.objectContaining({ code: 'pin-reserved', file: 'fixtures/seed/topology.yaml', path: ['spec', 'clusters', 0, 'peeringNodes', 0, 'pin', 'insideCidr'], range: expect.objectContaining({ start: expect.objectContaining({ line }) }) }),
    ]);
    // through the whole pipeline too (whichever stage reports it)
    const compiled = compileFixture('seed/topology.yaml', { specText: text });
    expect(compiled.model).toBeUndefined();
    expect(compiled.diagnostics.some((d) => d.severity === 'error' && d.range?.start.line === line && /reserve/i.test(d.message))).toBe(true);
  });

  it.each([
    ['169.254.8.9/29', 'invalid-cidr'],
    ['169.254.8.0/28', 'pin-not-29'],
    ['10.0.0.8/29', 'pin-not-apipa'],
  ])('rejects the inside CIDR pin %s (%s)', (pin, code) => {
    const result = allocateText(edit(SEED, 'insideCidr: 169.254.8.8/29', `insideCidr: ${pin}`));
    expect(result.model).toBeUndefined();
    expect(errors(result)).toEqual([expect.objectContaining({ code, path: ['spec', 'clusters', 0, 'peeringNodes', 0, 'pin', 'insideCidr'] })]);
  });

  it('rejects two pins of the same /29', () => {
    const text = edit(SEED, '          availabilityZone: eu-west-1b\n', '          availabilityZone: eu-west-1b\n          pin: {insideCidr: 169.254.8.8/29}\n');
    expect(errors(allocateText(text)).map((d) => [d.code, d.path?.join('.')])).toEqual([['duplicate-pin', 'spec.clusters.0.peeringNodes.1.pin.insideCidr']]);
  });

  it('rejects two pins of the same TGW GRE address at the second one', () => {
    const text = edit(SEED, '          availabilityZone: eu-west-1b\n', '          availabilityZone: eu-west-1b\n          pin: {tgwGreAddress: 192.0.2.7}\n');
    const twice = edit(text, '            insideCidr: 169.254.8.8/29', '            insideCidr: 169.254.8.8/29\n            tgwGreAddress: 192.0.2.7');
    const result = allocateText(twice);
    expect(errors(result)).toEqual([
      expect.objectContaining({
        code: 'duplicate-pin',
        path: ['spec', 'clusters', 0, 'peeringNodes', 1, 'pin', 'tgwGreAddress'],
        message: 'TGW GRE address 192.0.2.7 is already pinned at spec.clusters[0].peeringNodes[0].pin.tgwGreAddress.',
        range: expect.objectContaining({ start: expect.objectContaining({ line: lineOf(twice, 'pin: {tgwGreAddress: 192.0.2.7}') }) }),
      }),
    ]);
  });

  it('rejects a GRE pin outside the TGW CIDR blocks', () => {
    const result = allocateText(edit(SEED, '            insideCidr: 169.254.8.8/29', '            insideCidr: 169.254.8.8/29\n            tgwGreAddress: 198.51.100.9'));
    expect(errors(result)).toEqual([expect.objectContaining({ code: 'pin-gre-outside-tgw-cidr', message: expect.stringContaining('192.0.2.0/24') })]);
  });

  it('fails naming insideCidrPool when the pool is too small for the nodes', () => {
    const text = edit(SEED, '    cidrBlocks: [192.0.2.0/24]', '    cidrBlocks: [192.0.2.0/24]\n    insideCidrPool: 169.254.8.8/29');
    const result = allocateText(text);
    expect(result.model).toBeUndefined();
    const [error] = errors(result);
    expect(error).toMatchObject({ code: 'pool-exhausted', path: ['spec', 'transitGateway', 'insideCidrPool'], range: expect.objectContaining({ start: expect.objectContaining({ line: lineOf(text, 'insideCidrPool') }) }) });
    expect(error!.message).toContain('insideCidrPool 169.254.8.8/29');
    expect(error!.message).toContain('demo/worker-2');
    expect(error!.hint).toContain('larger');
  });

  it('never hands out the reserved /29s of a pool that holds them', () => {
    const text = edit(SEED, '    cidrBlocks: [192.0.2.0/24]', '    cidrBlocks: [192.0.2.0/24]\n    insideCidrPool: 169.254.0.0/28');
    const withoutPin = edit(text, "          pin:\n            insideCidr: 169.254.8.8/29   # the article's tunnel: the node is 169.254.8.9\n", '');
    const result = allocateText(withoutPin);
    expect(errors(result)).toEqual([expect.objectContaining({ code: 'pool-exhausted', message: expect.stringContaining('holds 1 usable /29s') })]);
  });

  it('fails naming the TGW CIDR blocks when they have no GRE address left', () => {
    // a /24 gives 254 GRE addresses (its first and last are left alone): 255 nodes are one too many
    const withExtraNodes = (count: number): string => {
      const extra = Array.from({ length: count }, (_, i) => `        - {name: extra-${i}, vpcIp: 172.31.${100 + Math.floor(i / 200)}.${(i % 200) + 1}, availabilityZone: eu-west-1a}\n`);
      return edit(SEED, '      egressGateways:', `${extra.join('')}      egressGateways:`);
    };
    const result = allocateText(withExtraNodes(253));
    expect(errors(result)).toEqual([
      expect.objectContaining({ code: 'pool-exhausted', path: ['spec', 'transitGateway', 'cidrBlocks'], message: expect.stringContaining('CIDR blocks (192.0.2.0/24) have no free GRE address left for the Connect peers of demo/worker-2.'), hint: expect.stringContaining('Add another CIDR block') }),
    ]);
    const fits = allocateText(withExtraNodes(252));
    expect(errors(fits)).toEqual([]);
    const addresses = fits.model!.clusters[0]!.nodes.map((n) => n.connectPeer.tgwGreAddress);
    expect(addresses).not.toContain('192.0.2.0');
    expect(addresses).not.toContain('192.0.2.255');
    expect(addresses).toContain('192.0.2.254');
  });

  it('rejects an insideCidrPool outside 169.254.0.0/16', () => {
    const result = allocateText(edit(SEED, '    cidrBlocks: [192.0.2.0/24]', '    cidrBlocks: [192.0.2.0/24]\n    insideCidrPool: 10.0.0.0/16'));
    expect(errors(result)).toEqual([expect.objectContaining({ code: 'inside-pool-invalid', path: ['spec', 'transitGateway', 'insideCidrPool'] })]);
  });

  it('reports a missing BIRD template at the spec field naming it', () => {
    const result = allocateText(SEED, undefined, new Map());
    expect(errors(result)).toEqual([expect.objectContaining({ code: 'file-not-found', path: ['spec', 'clusters', 0, 'multihop', 'birdTemplate'], message: expect.stringContaining('templates/bird.cfg.template') })]);
  });

  it('rejects a gateway or service listed twice, which would give two rules one key', () => {
    const twiceFrom = edit(SEED, 'from: [egw-database]', 'from: [egw-database, egw-database]');
    expect(errors(allocateText(twiceFrom))).toEqual([
      expect.objectContaining({ code: 'duplicate-reference', path: ['spec', 'firewall', 'allow', 0, 'from', 1], range: expect.objectContaining({ start: expect.objectContaining({ line: lineOf(twiceFrom, 'from: [egw-database, egw-database]') }) }) }),
    ]);
    const twiceProtected = edit(SEED, 'protect: [database]', 'protect: [database, database]');
    expect(errors(allocateText(twiceProtected))).toEqual([expect.objectContaining({ code: 'duplicate-reference', path: ['spec', 'firewall', 'protect', 1] })]);
  });

  it('rejects a fixed capacity below the rule count at its line', () => {
    const text = edit(SEED, '      name: egress-gateways', '      name: egress-gateways\n      capacity: 1');
    const result = allocateText(text);
    expect(errors(result)).toEqual([expect.objectContaining({ code: 'capacity-too-small', range: expect.objectContaining({ start: expect.objectContaining({ line: lineOf(text, 'capacity: 1') }) }) })]);
  });
});

describe('replacements are reported', () => {
  it('moves the node whose locked /29 another node now pins, with a warning at the pin', () => {
    const first = allocateText(SEED);
    expect(first.lock.connectPeers['demo/worker-2']!.insideCidr).toBe('169.254.0.8/29');
    const text = edit(SEED, '          availabilityZone: eu-west-1b\n', '          availabilityZone: eu-west-1b\n          pin: {insideCidr: 169.254.0.8/29}\n');
    // worker-2 pinning the value it already has moves nothing
    expect(warnings(allocateText(text, first.lock))).toEqual([]);
    // now worker-1 pins worker-2's /29: worker-2 moves
    const steal = edit(SEED, 'insideCidr: 169.254.8.8/29', 'insideCidr: 169.254.0.8/29');
    const result = allocateText(steal, first.lock);
    expect(errors(result)).toEqual([]);
    expect(warnings(result)).toEqual([
      expect.objectContaining({ code: 'allocation-moved', path: ['spec', 'clusters', 0, 'peeringNodes', 0, 'pin', 'insideCidr'], range: expect.objectContaining({ start: expect.objectContaining({ line: lineOf(steal, '169.254.0.8/29') }) }) }),
    ]);
    expect(warnings(result)[0]!.message).toContain('demo/worker-2 moves to 169.254.0.16/29');
    expect(result.lock.connectPeers['demo/worker-2']!.insideCidr).toBe('169.254.0.16/29');
    expect(result.lock.connectPeers['demo/worker-1']!.insideCidr).toBe('169.254.0.8/29');
  });

  it('moves the node whose locked GRE address another node now pins', () => {
    const first = allocateText(SEED);
    expect(first.lock.connectPeers['demo/worker-1']!.tgwGreAddress).toBe('192.0.2.1');
    const text = edit(SEED, '          availabilityZone: eu-west-1b\n', '          availabilityZone: eu-west-1b\n          pin: {tgwGreAddress: 192.0.2.1}\n');
    const result = allocateText(text, first.lock);
    expect(warnings(result).map((d) => [d.code, d.path?.join('.'), d.message])).toEqual([
      [
        'allocation-moved',
        'spec.clusters.0.peeringNodes.1.pin.tgwGreAddress',
        'The pin of demo/worker-2 takes TGW GRE address 192.0.2.1, which the lock gave to demo/worker-1; demo/worker-1 moves to 192.0.2.2, which replaces its Connect peer (its BGP sessions go down).',
      ],
    ]);
    // worker-2's old address was freed by its pin and is the lowest free one; the /29s stay
    expect(result.lock.connectPeers['demo/worker-1']!.insideCidr).toBe('169.254.8.8/29');
    expect(result.lock.connectPeers['demo/worker-2']!.insideCidr).toBe('169.254.0.8/29');
  });

  it('moves lock values that are no longer inside the pool, with a warning at the node', () => {
    const first = allocateText(SEED);
    const narrowed = edit(
      edit(SEED, '    cidrBlocks: [192.0.2.0/24]', '    cidrBlocks: [192.0.2.0/24]\n    insideCidrPool: 169.254.8.0/24'),
      "          pin:\n            insideCidr: 169.254.8.8/29   # the article's tunnel: the node is 169.254.8.9\n",
      '',
    );
    const result = allocateText(narrowed, first.lock);
    expect(warnings(result)).toEqual([
      expect.objectContaining({
        code: 'allocation-moved',
        path: ['spec', 'clusters', 0, 'peeringNodes', 1],
        message: "The lock's inside CIDR 169.254.0.8/29 of demo/worker-2 is no longer in insideCidrPool 169.254.8.0/24; demo/worker-2 moves to 169.254.8.0/29, which replaces its Connect peer (its BGP sessions go down).",
      }),
    ]);
    // worker-1 keeps the article's /29 without its pin: it is inside the new pool
    expect(result.lock.connectPeers['demo/worker-1']!.insideCidr).toBe('169.254.8.8/29');
  });

  it('moves GRE addresses whose TGW CIDR block was removed, and keeps those of the remaining block', () => {
    const first = allocateText(SEED);
    const result = allocateText(edit(SEED, '    cidrBlocks: [192.0.2.0/24]', '    cidrBlocks: [198.18.0.0/24]'), first.lock);
    expect(warnings(result).map((d) => [d.code, d.path?.join('.'), d.message.split(';')[0]])).toEqual([
      ['allocation-moved', 'spec.clusters.0.peeringNodes.0', "The lock's TGW GRE address 192.0.2.1 of demo/worker-1 is no longer in the TGW CIDR blocks (198.18.0.0/24)"],
      ['allocation-moved', 'spec.clusters.0.peeringNodes.1', "The lock's TGW GRE address 192.0.2.2 of demo/worker-2 is no longer in the TGW CIDR blocks (198.18.0.0/24)"],
    ]);
    expect(result.model!.clusters[0]!.nodes.map((n) => n.connectPeer.tgwGreAddress)).toEqual(['198.18.0.1', '198.18.0.2']);
    // adding a block in front changes nothing: allocations stay in the old block
    const added = allocateText(edit(SEED, '    cidrBlocks: [192.0.2.0/24]', '    cidrBlocks: [198.18.0.0/24, 192.0.2.0/24]'), first.lock);
    expect(findings(added)).toEqual([]);
    expect(serializeLock(added.lock)).toBe(serializeLock(first.lock));
  });

  it('grows the capacity when the rules outgrow it, with a warning, and never shrinks it', () => {
    const rule = (i: number): PlannedRule => ({ key: `protect/s${i}`, action: 'drop', protocol: 'ip', sources: 'any', destinations: [`10.0.0.${i}/32`], ports: 'any', message: `protect s${i}`, origin: { kind: 'protect', service: `s${i}` } });
    const rules = (n: number) => Array.from({ length: n }, (_, i) => rule(i));
    const spec = loadSpec({ path: 's.yaml', text: SEED }).spec!;
    const lockWith = (capacity: number | undefined, n: number): Lock => {
      const ids = allocateFirewallIds(spec, rules(n), undefined);
      return { apiVersion: 'egressc/v1alpha1', kind: 'EgressTopologyLock', connectPeers: {}, released: { connectPeers: {} }, firewall: { ...(capacity !== undefined ? { ruleGroupCapacity: capacity } : {}), rules: ids.lockRules } };
    };
    const fresh = allocateFirewallIds(spec, rules(120), undefined);
    expect(fresh.capacity).toBe(300);
    expect(fresh.capacityChange).toBeUndefined();

    const grown = allocateFirewallIds(spec, rules(120), lockWith(100, 50));
    expect(grown.capacity).toBe(300);
    expect(grown.capacityChange).toEqual({ kind: 'grown', from: 100, to: 300, rules: 120 });

    const kept = allocateFirewallIds(spec, rules(3), lockWith(300, 120));
    expect(kept.capacity).toBe(300);
    expect(kept.capacityChange).toBeUndefined();

    // a lock capacity larger than the headroom formula is never reduced
    expect(allocateFirewallIds(spec, rules(401), lockWith(400, 10)).capacity).toBe(900);
    expect(headroomCapacity(0)).toBe(100);
    expect(headroomCapacity(50)).toBe(100);
    expect(headroomCapacity(51)).toBe(200);
    expect(headroomCapacity(20000)).toBe(30000);

    // the checks refuse more rules than the largest rule group (check/capacity.ts); the allocator trusts them
    expect(() => allocateFirewallIds(spec, rules(30001), undefined)).toThrow(/unchecked/);
  });

  it('warns when a fixed capacity differs from the lock', () => {
    const first = allocateText(SEED);
    const result = allocateText(edit(SEED, '      name: egress-gateways', '      name: egress-gateways\n      capacity: 50'), first.lock);
    expect(warnings(result)).toEqual([expect.objectContaining({ code: 'capacity-changes', message: 'Rule group capacity changes from 100 to 50.' })]);
    expect(result.model!.firewall.ruleGroup.capacity).toBe(50);
  });

  it('bumps the rev of a rule whose content changes and keeps its sid', () => {
    const first = allocateText(SEED);
    const result = allocateText(edit(SEED, 'addresses: [10.0.0.55]', 'addresses: [10.0.0.56]'), first.lock);
    expect(result.model!.firewall.rules.map((r) => [r.key, r.sid, r.rev])).toEqual([
      ['allow/app-to-database/egw-database/database/tcp', 1000001, 2],
      ['protect/database', 1000002, 2],
    ]);
    const gatewayOnly = allocateText(edit(SEED, '          replicas: 1', '          replicas: 3'), first.lock);
    expect(gatewayOnly.model!.firewall.rules.map((r) => r.rev)).toEqual([1, 1]);
  });
});

describe('Connect attachments and interface names', () => {
  it('fills free slots in the lowest-numbered attachment and never regroups', () => {
    const previous = new Map([
      ['c/a', 1],
      ['c/b', 1],
      ['c/c', 2],
      ['c/d', 1],
      ['c/e', 1],
      ['c/f', 3],
    ]);
    // c/b is gone: attachment 1 has one free slot; attachment 2 has three
    const owners = ['c/a', 'c/c', 'c/d', 'c/e', 'c/f', 'c/new-1', 'c/new-2', 'c/new-3', 'c/new-4', 'c/new-5'];
    const result = allocateAttachments(owners, previous);
    expect(Object.fromEntries(result)).toEqual({ 'c/a': 1, 'c/c': 2, 'c/d': 1, 'c/e': 1, 'c/f': 3, 'c/new-1': 1, 'c/new-2': 2, 'c/new-3': 2, 'c/new-4': 2, 'c/new-5': 3 });
    // an attachment nobody is on is gone; the next new node reuses its number
    expect(Object.fromEntries(allocateAttachments(['c/f', 'c/x'], previous))).toEqual({ 'c/f': 3, 'c/x': 1 });
  });

  it('derives interface names of at most 15 characters and keeps them across a TGW rename', () => {
    expect(tunnelInterfaceName('central')).toBe('tgw-central');
    expect(tunnelInterfaceName('a-very-long-transit-gateway')).toBe('tgw-a-very-long');
    expect(tunnelInterfaceName('abcdefghij-xyz')).toBe('tgw-abcdefghij');
    const first = allocateText(SEED);
    const renamed = allocateText(edit(SEED, '    name: central', '    name: another-gateway'), first.lock);
    expect(renamed.model!.clusters[0]!.nodes.map((n) => n.tunnel.interfaceName)).toEqual(['tgw-central', 'tgw-central']);
    expect(allocateText(edit(SEED, '    name: central', '    name: another-gateway')).model!.clusters[0]!.nodes[0]!.tunnel.interfaceName).toBe('tgw-another-gat');
  });
});

describe('schema defaults reach the model', () => {
  it('defaults the inside pool, node name and ENI MTU', () => {
    const parsed = specSchema.parse(loadSpec({ path: 's.yaml', text: SEED }).spec);
    expect(parsed.spec.transitGateway.insideCidrPool).toBe('169.254.0.0/16');
    const model = allocateText(SEED).model!;
    expect(model.transitGateway.insideCidrPool).toBe('169.254.0.0/16');
    expect(model.clusters[0]!.nodes[0]!).toMatchObject({ nodeName: 'ip-172-31-10-10.eu-west-1.compute.internal', eniMtu: 1500 });
  });
});
