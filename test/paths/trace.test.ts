// Flows of every fixture with the verdict the path model must find and what decides it: the firewall
// rule (by its stable key; its sid comes from the lock) or the hop without a route.
import { describe, expect, it } from 'vitest';
import { collector } from '../../src/check/context.js';
import { checkReachability } from '../../src/check/reachability.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import type { Topology } from '../../src/model/types.js';
import { parseSource, parseTarget, resolveTarget } from '../../src/paths/endpoints.js';
import { namedFlows } from '../../src/paths/flows.js';
import { combinedVerdict, trace, type FlowOutcome, type FlowTrace } from '../../src/paths/trace.js';
import { compileFixture } from '../support/fixtures.js';

function modelOf(fixture: string, specText?: string): Topology {
  const compiled = compileFixture(`${fixture}/topology.yaml`, { useLock: true, ...(specText !== undefined ? { specText } : {}) });
  if (!compiled.model) throw new Error(`${fixture}: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
  return compiled.model;
}

function traceOf(model: Topology, from: string, to: string): FlowTrace[] {
  const source = parseSource(from);
  const target = parseTarget(to);
  if (!source.ok || !target.ok) throw new Error(`bad flow ${from} → ${to}`);
  const resolved = resolveTarget(model, target.value);
  if (!resolved.ok) throw new Error(resolved.error);
  const result = trace(model, source.value, resolved.value);
  if (!result.ok) throw new Error(result.error);
  return result.traces;
}

type Expected =
  | { verdict: 'allowed'; source?: string; inspectedIn?: string }
  | { verdict: 'dropped'; rule: string }
  | { verdict: 'no-route'; direction: 'forward' | 'return'; at: string };

const CASES: { fixture: string; from: string; to: string; expected: Expected }[] = [
  // the article: Figures 6a/6b (through the gateway) and after Figure 8 (from a node)
  { fixture: 'seed', from: 'ns/app', to: 'service/database:5432/tcp', expected: { verdict: 'allowed', source: '198.51.100.0/29', inspectedIn: 'eu-west-1a' } },
  { fixture: 'seed', from: 'node/worker-1', to: 'service/database:5432/tcp', expected: { verdict: 'dropped', rule: 'protect/database' } },
  { fixture: 'seed', from: 'node/worker-2', to: 'service/database:5432', expected: { verdict: 'dropped', rule: 'protect/database' } },
  { fixture: 'seed', from: '198.51.100.1', to: 'service/database:5432/tcp', expected: { verdict: 'allowed', source: '198.51.100.1/32' } },
  { fixture: 'seed', from: '172.31.10.10', to: '10.0.0.55:5432/tcp', expected: { verdict: 'dropped', rule: 'protect/database' } },
  // a port the allow rule does not open: the protect rule catches it
  { fixture: 'seed', from: 'ns/app', to: '10.0.0.55:22/tcp', expected: { verdict: 'dropped', rule: 'protect/database' } },
  // unprotected address in the service VPC: default action pass
  { fixture: 'seed', from: 'node/worker-1', to: '10.0.0.56:80/tcp', expected: { verdict: 'allowed', source: '172.31.10.10/32' } },
  // a pod in a namespace no gateway selects leaves with its node's address
  { fixture: 'seed', from: 'ns/other', to: 'service/database:5432/tcp', expected: { verdict: 'dropped', rule: 'protect/database' } },
  // nothing routes 192.168.x to the TGW from the cluster VPC
  { fixture: 'seed', from: 'ns/app', to: '8.8.8.8:53/udp', expected: { verdict: 'no-route', direction: 'forward', at: 'route table nodes of VPC cluster' } },

  { fixture: 'multi', from: 'ns/payments/checkout', to: 'service/ledger-db:5432/tcp', expected: { verdict: 'allowed', source: '198.51.100.0/28' } },
  { fixture: 'multi', from: 'ns/payments/checkout', to: 'service/reports-api:443/tcp', expected: { verdict: 'dropped', rule: 'protect/reports-api' } },
  { fixture: 'multi', from: 'ns/payments/statements', to: 'service/ledger-db:5432/tcp', expected: { verdict: 'dropped', rule: 'protect/ledger-db' } },
  { fixture: 'multi', from: 'ns/payments/statements', to: 'service/reports-api:8125/udp', expected: { verdict: 'allowed', source: '198.51.100.16/28' } },
  { fixture: 'multi', from: 'node/payments/pay-c2', to: 'service/ledger-db:5432/tcp', expected: { verdict: 'dropped', rule: 'protect/ledger-db' } },
  { fixture: 'multi', from: 'workload/batch/Deployment/report-exporter', to: 'service/reports-api:443/tcp', expected: { verdict: 'allowed', source: '198.51.100.32/29' } },
  { fixture: 'multi', from: 'ns/analytics/etl', to: 'service/ledger-db:5432/tcp', expected: { verdict: 'no-route', direction: 'forward', at: 'route table private of VPC analytics' } },
  // defaultAction drop: an address no rule names is dropped by the policy's default action
  { fixture: 'multi', from: 'node/payments/pay-a1', to: '10.50.9.9:80/tcp', expected: { verdict: 'dropped', rule: 'default' } },

  { fixture: 'live-interface-route', from: 'ns/payments', to: 'service/ledger:443/tcp', expected: { verdict: 'allowed' } },
  { fixture: 'live-interface-route', from: 'ns/reports', to: 'service/ledger:443/tcp', expected: { verdict: 'dropped', rule: 'protect/ledger' } },
];

describe('trace: verdicts of fixture flows', () => {
  const models = new Map<string, Topology>();
  const model = (fixture: string): Topology => {
    if (!models.has(fixture)) models.set(fixture, modelOf(fixture));
    return models.get(fixture)!;
  };

  it.each(CASES)('$fixture: $from → $to', ({ fixture, from, to, expected }) => {
    const m = model(fixture);
    const traces = traceOf(m, from, to);
    expect(traces.length).toBeGreaterThan(0);
    for (const t of traces) {
      expect(t.verdict.kind).toBe(expected.verdict);
      if (expected.verdict === 'allowed') {
        if (expected.source) expect(t.sourceCidr).toBe(expected.source);
        if (expected.inspectedIn) expect(t.inspected).toEqual({ forward: expected.inspectedIn, return: expected.inspectedIn });
        expect(t.hops.some((h) => h.direction === 'return')).toBe(true);
      }
      if (expected.verdict === 'dropped' && t.verdict.kind === 'dropped') {
        if (expected.rule === 'default') {
          expect(t.verdict.sid).toBeUndefined();
          expect(t.verdict.by).toMatch(/^default action aws:drop/);
        } else {
          const rule = m.firewall.rules.find((r) => r.key === expected.rule);
          expect(rule).toBeDefined();
          expect(t.verdict.sid).toBe(rule!.sid);
          // the deciding hop names the rule's sid and its line in the rules file
          const last = t.hops[t.hops.length - 1]!;
          expect(last.decidedBy?.artifact).toBe(`firewall/${m.firewall.ruleGroup.name}.rules`);
          expect(last.decidedBy?.resource).toMatch(new RegExp(`^sid ${rule!.sid} \\(line \\d+\\)$`));
        }
      }
      if (expected.verdict === 'no-route' && t.verdict.kind === 'no-route') {
        expect(t.verdict.direction).toBe(expected.direction);
        expect(t.verdict.at).toBe(expected.at);
      }
    }
  });

  it('names the Terraform resources that decide the forward path of the article flow', () => {
    const [t] = traceOf(model('seed'), 'ns/app', 'service/database:5432/tcp');
    const resources = t!.hops.filter((h) => h.direction === 'forward').flatMap((h) => (h.decidedBy ? [`${h.decidedBy.artifact} ${h.decidedBy.resource}`] : []));
    expect(resources).toEqual([
      'calico/demo/namespaces.yaml Namespace app',
      'calico/demo/ip-pools.yaml IPPool egw-database',
      'terraform/routing.tf.json aws_route.cluster_nodes_10_0_0_0_16',
      'terraform/routing.tf.json aws_ec2_transit_gateway_route_table_association.vpc_cluster',
      'terraform/routing.tf.json aws_ec2_transit_gateway_route.inspection_rt_0_0_0_0_0',
      'terraform/routing.tf.json aws_route.inspection_eu_west_1a_tgw_subnet_0_0_0_0_0',
      expect.stringMatching(/^firewall\/egress-gateways\.rules sid \d+ \(line \d+\)$/),
      'terraform/routing.tf.json aws_route.inspection_eu_west_1a_firewall_subnet_0_0_0_0_0',
      'terraform/routing.tf.json aws_ec2_transit_gateway_route_table_association.vpc_inspection',
      'terraform/routing.tf.json aws_ec2_transit_gateway_route_table_propagation.firewall_rt_vpc_service',
      'terraform/transit-gateway.tf.json aws_ec2_transit_gateway_vpc_attachment.service',
    ]);
  });

  it('the return path of the article flow reaches the Connect attachment through firewall-rt', () => {
    const [t] = traceOf(model('seed'), 'ns/app', 'service/database:5432/tcp');
    const back = t!.hops.filter((h) => h.direction === 'return');
    expect(back.some((h) => h.decidedBy?.resource === 'aws_ec2_transit_gateway_route_table_propagation.firewall_rt_connect_demo_connect_1')).toBe(true);
    expect(back.some((h) => h.decidedBy?.artifact === 'calico/demo/bgp-peers.yaml')).toBe(true);
  });

  it('every rule the firewall holds in the fixtures decides at least one traced flow or is an allow rule', () => {
    for (const fixture of ['seed', 'multi', 'live-interface-route']) {
      const m = model(fixture);
      const deciding = new Set(namedFlows(m).flatMap((f) => f.traces.flatMap((t) => (t.verdict.kind === 'dropped' && t.verdict.rule ? [t.verdict.rule] : []))));
      for (const rule of m.firewall.rules.filter((r) => r.action === 'drop')) expect(deciding, `${fixture} ${rule.key}`).toContain(rule.key);
    }
  });
});

function findings(model: Topology): Diagnostic[] {
  const { report, diagnostics } = collector({ file: 'spec.yaml', locator: { value: () => undefined, key: () => undefined } });
  checkReachability(model, report);
  return diagnostics;
}
const codes = (model: Topology): string[] => [...new Set(findings(model).map((d) => `${d.severity}:${d.code}`))].sort();

describe('model checks over the path model', () => {
  it('the fixtures as committed have no errors', () => {
    for (const fixture of ['seed', 'multi', 'live-interface-route']) {
      expect(findings(modelOf(fixture)).filter((d) => d.severity === 'error')).toEqual([]);
    }
  });

  it('return-path-missing: a destination VPC that routes only the cluster VPC back', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../../fixtures/seed/topology.yaml', import.meta.url), 'utf8').replace('routesViaTransitGateway: [0.0.0.0/0]', 'routesViaTransitGateway: [cluster]');
    const compiled = compileFixture('seed/topology.yaml', { useLock: true, specText: text });
    const missing = compiled.diagnostics.filter((d) => d.code === 'return-path-missing');
    expect(missing).toHaveLength(1);
    expect(missing[0]!.path).toEqual(['spec', 'vpcs', 1, 'routesViaTransitGateway']);
    expect(missing[0]!.message).toContain('198.51.100.0/29');
    expect(missing[0]!.range?.start.line).toBeGreaterThan(0);
  });

  it('protected-reachable: a protected service whose drop rule is missing', () => {
    const m = modelOf('seed');
    const broken: Topology = { ...m, firewall: { ...m.firewall, rules: m.firewall.rules.filter((r) => r.origin.kind !== 'protect') } };
    expect(codes(broken)).toContain('error:protected-reachable');
  });

  it('inspection-bypassed: a service inside the clients\' own VPC never crosses the firewall', () => {
    const m = modelOf('seed');
    const moved: Topology = { ...m, services: m.services.map((s) => ({ ...s, vpc: 'cluster', addresses: ['172.31.50.5'] })) };
    moved.firewall = { ...m.firewall, rules: m.firewall.rules.map((r) => ({ ...r, destinations: ['172.31.50.5/32'] })) };
    expect(codes(moved)).toEqual(expect.arrayContaining(['warning:inspection-bypassed', 'error:protected-reachable']));
  });

  it('asymmetric-return: a reply that stays inside the destination VPC while the request crossed the firewall', () => {
    const m = modelOf('seed');
    const pool = '10.0.200.0/29'; // inside the service VPC: the reply takes the local route
    const overlapping: Topology = {
      ...m,
      clusters: m.clusters.map((c) => ({ ...c, egressGateways: c.egressGateways.map((g) => ({ ...g, pool: { ...g.pool, cidr: pool } })) })),
      firewall: { ...m.firewall, rules: m.firewall.rules.map((r) => (r.origin.kind === 'allow' ? { ...r, sources: [pool] } : r)) },
    };
    const [t] = traceOf(overlapping, 'ns/app', 'service/database:5432/tcp');
    expect(t!.verdict).toEqual({ kind: 'asymmetric', reason: 'the firewall sees only the request' });
    expect(codes(overlapping)).toContain('error:asymmetric-return');
  });

  it('egress-ip-unadvertised: without the node mesh a gateway that may run anywhere is advertised by nobody for sure', () => {
    const m = modelOf('seed');
    const onPeers: Topology = { ...m, clusters: m.clusters.map((c) => ({ ...c, nodeToNodeMesh: false })) };
    // placement connectPeers (the default): the hosting node is a peer and advertises its own /32
    expect(codes(onPeers)).toEqual([]);
    const noMesh: Topology = { ...onPeers, clusters: onPeers.clusters.map((c) => ({ ...c, egressGateways: c.egressGateways.map((g) => ({ ...g, placement: 'anyNode' as const })) })) };
    expect(codes(noMesh)).toContain('error:egress-ip-unadvertised');
    const selected: Topology = {
      ...noMesh,
      clusters: noMesh.clusters.map((c) => ({ ...c, egressGateways: c.egressGateways.map((g) => ({ ...g, nodeSelector: [['egress', 'yes']] as [string, string][] })) })),
    };
    expect(codes(selected)).toContain('warning:egress-ip-unadvertised');
    expect(codes(selected)).not.toContain('error:egress-ip-unadvertised');
  });

  it('return-path-undocumented: the article\'s next hop keep with several peers warns (aws.md A.1); the default does not', () => {
    const m = modelOf('seed');
    expect(codes(m)).toEqual([]);
    const keep: Topology = { ...m, clusters: m.clusters.map((c) => ({ ...c, nextHopToTransitGateway: 'keep' as const })) };
    expect(codes(keep)).toEqual(['warning:return-path-undocumented']);
    const [t] = traceOf(keep, 'ns/app', 'service/database:5432/tcp');
    expect(t!.verdict.kind).toBe('allowed');
    expect(t!.dependsOnUndocumented).toBe(true);
  });

  // advertiseGatewayRoutes: each row the return hop into the cluster, the advertisers it names and the checks
  const ADVERTISE_CASES: {
    name: string;
    fixture: string;
    advertise: 'allPeers' | 'hostingNode';
    placement?: 'anyNode';
    nextHop?: 'keep';
    tunnel: RegExp;
    relayed: boolean;
    codes: string[];
  }[] = [
    { name: 'allPeers (default): both peers, ECMP, relayed', fixture: 'seed', advertise: 'allPeers', tunnel: /^GRE to the advertising peers worker-1, worker-2: .*ECMP/, relayed: true, codes: [] },
    {
      name: 'hostingNode: only the hosting peer, no relay',
      fixture: 'seed',
      advertise: 'hostingNode',
      tunnel: /^GRE to the peer hosting the gateway, one of worker-1, worker-2: only the peer hosting the gateway advertises its \/32 \(the BGPFilter rejects pool routes learned from other nodes\)/,
      relayed: false,
      codes: [],
    },
    // keep no longer matters: the only /32 the TGW hears is the hosting peer's own
    { name: 'hostingNode with next hop keep: nothing undocumented', fixture: 'seed', advertise: 'hostingNode', nextHop: 'keep', tunnel: /^GRE to the peer hosting the gateway/, relayed: false, codes: [] },
    // a gateway on a node without a Connect peer: its /32 reaches the TGW from nobody
    { name: 'hostingNode, placement anyNode: unadvertised', fixture: 'seed', advertise: 'hostingNode', placement: 'anyNode', tunnel: /advertised by nobody/, relayed: false, codes: ['error:egress-ip-unadvertised'] },
    { name: 'the live fixture sets hostingNode in its spec', fixture: 'live-interface-route', advertise: 'hostingNode', tunnel: /^GRE to the peer hosting the gateway, one of node-a, node-b: /, relayed: false, codes: [] },
  ];

  it.each(ADVERTISE_CASES)('advertiseGatewayRoutes $name', ({ fixture, advertise, placement, nextHop, tunnel, relayed, codes: expected }) => {
    const m = modelOf(fixture);
    const changed: Topology = {
      ...m,
      clusters: m.clusters.map((c) => ({
        ...c,
        advertiseGatewayRoutes: advertise,
        ...(nextHop ? { nextHopToTransitGateway: nextHop } : {}),
        egressGateways: c.egressGateways.map((g) => ({ ...g, ...(placement ? { placement } : {}) })),
      })),
    };
    if (fixture === 'live-interface-route') expect(m.clusters.every((c) => c.advertiseGatewayRoutes === advertise)).toBe(true);
    const from = fixture === 'seed' ? 'ns/app' : 'ns/payments';
    const to = fixture === 'seed' ? 'service/database:5432/tcp' : 'service/ledger:443/tcp';
    const [t] = traceOf(changed, from, to);
    const hop = t!.hops.find((h) => h.direction === 'return' && h.at.startsWith('Connect attachment'));
    expect(hop?.decision).toMatch(tunnel);
    // the artifact that decides who advertises: the TGW peers' BGPFilter with hostingNode, else the BGPPeers
    expect(hop?.decidedBy?.artifact).toMatch(advertise === 'hostingNode' ? /\/bgp-filter\.yaml$/ : /\/bgp-peers\.yaml$/);
    expect(t!.relayed).toBe(relayed);
    expect(t!.dependsOnUndocumented).toBe(false);
    expect(codes(changed)).toEqual(expected);
  });

  it('the default (next hop self, gateways on Connect peers): every peer advertises, replies spread by ECMP and relayed', () => {
    const [t] = traceOf(modelOf('seed'), 'ns/app', 'service/database:5432/tcp');
    expect(t!.dependsOnUndocumented).toBe(false);
    expect(t!.relayed).toBe(true);
    const tunnel = t!.hops.find((h) => h.at.startsWith('Connect attachment'));
    expect(tunnel?.decision).toContain('worker-1, worker-2');
    expect(tunnel?.decision).toContain('ECMP');
  });
});

// namedFlows decides flows whose origins are alike once (outcomeTracer): every outcome must be what the
// full trace of that very flow finds, hops aside.
describe('named flows: each outcome is its own full trace, without the hops', () => {
  const withoutHops = ({ hops: _hops, ...outcome }: FlowTrace): FlowOutcome => outcome;
  const agree = (m: Topology): void => {
    const flows = namedFlows(m);
    expect(flows.length).toBeGreaterThan(0);
    for (const flow of flows) {
      const service = flow.to.kind === 'service' ? m.services.find((s) => s.name === (flow.to as { service: string }).service) : undefined;
      if (!service) throw new Error(`no service for ${flow.key}`);
      const full = trace(m, flow.from, { service, addresses: service.addresses, port: flow.to.port, protocol: flow.to.protocol });
      if (!full.ok) throw new Error(full.error);
      expect(flow.traces, flow.key).toStrictEqual(full.traces.map(withoutHops));
      expect(flow.verdict, flow.key).toBe(combinedVerdict(full.traces));
    }
  };

  it.each(['seed', 'multi', 'live-interface-route'])('%s', (fixture) => agree(modelOf(fixture)));

  it('a rule naming one node\'s address decides that node apart from its zone', () => {
    const m = modelOf('seed');
    const [first, second] = m.clusters[0]!.nodes;
    const database = m.services.find((s) => s.name === 'database')!;
    // both nodes in one zone (and Connect attachment): only the rule tells them apart
    const cluster = { ...m.clusters[0]!, nodes: [first!, { ...second!, availabilityZone: first!.availabilityZone, connectPeer: { ...second!.connectPeer, attachment: first!.connectPeer.attachment } }] };
    const node: Topology = {
      ...m,
      clusters: [cluster, ...m.clusters.slice(1)],
      firewall: {
        ...m.firewall,
        rules: [
          { key: 'test/one-node', sid: 1, rev: 1, action: 'pass', protocol: 'ip', sources: [`${first!.vpcIp}/32`], destinations: database.addresses.map((a) => `${a}/32`), ports: 'any', message: 'one node', origin: { kind: 'protect', service: 'database' } },
          ...m.firewall.rules,
        ],
      },
    };
    agree(node);
    const verdicts = new Map(namedFlows(node).map((f) => [f.key, f.verdict]));
    expect(verdicts.get(`node/${first!.name} → service/database:5432/tcp`)).toBe('allowed');
    expect(verdicts.get(`node/${second!.name} → service/database:5432/tcp`)).toMatch(/^dropped/);
  });

  it('a node whose Connect attachment the cluster lacks takes another way to an imported destination', () => {
    const m = modelOf('live-interface-route');
    const [first, second] = m.clusters[0]!.nodes;
    const stray = { ...second!, availabilityZone: first!.availabilityZone, connectPeer: { ...second!.connectPeer, attachment: 'no-such-attachment' } };
    // and the cluster VPC routes nothing to the TGW: only the GRE tunnel reaches the imported range
    const cluster = m.clusters[0]!;
    const vpcs = m.vpcs.map((v) => (v.name === cluster.vpc && v.role === 'cluster' ? { ...v, routesViaTransitGateway: [] } : v));
    const variant: Topology = { ...m, vpcs, clusters: [{ ...cluster, nodes: [first!, stray] }, ...m.clusters.slice(1)] };
    agree(variant);
    const verdicts = namedFlows(variant).filter((f) => f.from.kind === 'node').map((f) => f.verdict);
    expect(new Set(verdicts).size).toBeGreaterThan(1);
  });

  it('the model variants of the checks below', () => {
    const m = modelOf('seed');
    agree({ ...m, firewall: { ...m.firewall, rules: m.firewall.rules.filter((r) => r.origin.kind !== 'protect') } });
    agree({ ...m, clusters: m.clusters.map((c) => ({ ...c, nextHopToTransitGateway: 'keep' as const })) });
    agree({ ...m, clusters: m.clusters.map((c) => ({ ...c, nodeToNodeMesh: false, egressGateways: c.egressGateways.map((g) => ({ ...g, placement: 'anyNode' as const })) })) });
    const pool = '10.0.200.0/29';
    agree({
      ...m,
      clusters: m.clusters.map((c) => ({ ...c, egressGateways: c.egressGateways.map((g) => ({ ...g, pool: { ...g.pool, cidr: pool } })) })),
      firewall: { ...m.firewall, rules: m.firewall.rules.map((r) => (r.origin.kind === 'allow' ? { ...r, sources: [pool] } : r)) },
    });
  });
});
