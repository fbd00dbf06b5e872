// Checks over the path model (src/paths): what the built network would do with the flows the spec
// names. Pure functions of the resolved model (and, for expectations, the spec), reporting at spec lines.
//   return-path-missing       an allowed request whose reply has no route (the destination VPC does not
//                             route the egress pool to the TGW, or the TGW has no route to it) — error
//   egress-ip-unadvertised    a gateway pool no Connect peer advertises — error
//   inspection-bypassed       a flow to a service that never crosses the firewall — warning
//   asymmetric-return         the firewall sees only one direction of a flow — error
//   return-path-undocumented  the reply's way home relies on undocumented TGW behaviour (aws.md A.1) — warning
//   protected-reachable       a protected service reachable from a source that is not a gateway pool — error
//   expectation-failed        a spec expectation the trace contradicts — error
import { containsAddress, parseCidr, parseIpv4 } from '../net/ipv4.js';
import type { Topology } from '../model/types.js';
import { advertisement } from '../paths/advertise.js';
import { parseSource, parseTarget, resolveTarget } from '../paths/endpoints.js';
import { namedFlows, type NamedFlow } from '../paths/flows.js';
import { renderTraceText } from '../paths/render.js';
import { trace, verdictText, type FlowTrace } from '../paths/trace.js';
import type { Spec } from '../spec/schema.js';
import type { Report } from './context.js';

// Model lists are in canonical (name) order: positions come from the spec when it is given, and from
// the model's specIndex for clusters and gateways.
type Where = { model: Topology; spec?: Spec | undefined };
const indexIn = (names: readonly string[], name: string): number => Math.max(0, names.indexOf(name));
const vpcPath = (where: Where, name: string): (string | number)[] => ['spec', 'vpcs', indexIn((where.spec?.spec.vpcs ?? where.model.vpcs).map((v) => v.name), name)];
const servicePath = (where: Where, name: string): (string | number)[] => ['spec', 'services', indexIn((where.spec?.spec.services ?? where.model.services).map((v) => v.name), name)];

function gatewayPath(where: Where, cluster: string, gateway: string): (string | number)[] {
  const c = where.model.clusters.find((x) => x.name === cluster);
  const g = c?.egressGateways.find((x) => x.name === gateway);
  return ['spec', 'clusters', c?.specIndex ?? 0, 'egressGateways', g?.specIndex ?? 0];
}

/** The first reply hop that found no route, in the destination VPC or the TGW. */
function checkReturnPaths(where: Where, flows: readonly NamedFlow[], report: Report): void {
  const { model } = where;
  const reported = new Set<string>();
  for (const flow of flows) {
    for (const t of flow.traces) {
      if (t.verdict.kind !== 'no-route' || t.verdict.direction !== 'return' || !t.service) continue;
      const service = model.services.find((s) => s.name === t.service);
      if (!service) continue;
      const inVpc = t.verdict.at.includes(`of VPC ${service.vpc}`);
      const key = `${service.vpc}|${t.sourceCidr}|${inVpc}`;
      if (reported.has(key)) continue;
      reported.add(key);
      report({
        code: 'return-path-missing',
        path: inVpc ? [...vpcPath(where, service.vpc), 'routesViaTransitGateway'] : [...servicePath(where, service.name)],
        message: inVpc
          ? `VPC "${service.vpc}" has no route back to ${t.sourceCidr}: the request ${flow.key} reaches ${service.name}, but its reply has no way home`
          : `the reply of ${flow.key} finds no route at ${t.verdict.at}`,
        hint: inVpc
          ? `add ${t.sourceCidr} (or 0.0.0.0/0) to routesViaTransitGateway of VPC "${service.vpc}", so that its route tables send replies to the Transit Gateway`
          : 'the Transit Gateway learns egress pools from the Connect peers over BGP; see `egressc trace` for the path',
      });
    }
  }
}

function checkAdvertised(where: Where, report: Report): void {
  const { model } = where;
  for (const cluster of model.clusters) {
    for (const gateway of cluster.egressGateways) {
      const advertised = advertisement(cluster, gateway);
      if (advertised.advertisers.length === 0 || advertised.nonPeerHostUnreachable === 'always') {
        report({
          code: 'egress-ip-unadvertised',
          // a user nodeSelector may well select only peers: egressc cannot tell, so it warns
          severity: advertised.advertisers.length > 0 && advertised.mayRunOffPeers === 'perhaps' ? 'warning' : 'error',
          path: [...gatewayPath(where, cluster.name, gateway.name), 'ipPool', 'cidr'],
          message: `no Connect peer is sure to advertise ${gateway.pool.cidr} of egress gateway "${gateway.name}": ${advertised.description}${advertised.mayRunOffPeers === 'perhaps' ? ', and its nodeSelector may pick such nodes' : ''}`,
          hint: 'keep the gateway on Connect-peer nodes (placement: connectPeers, the default, or a nodeSelector that picks only peering nodes), or let every peer advertise its /32s (the node mesh with advertiseGatewayRoutes: allPeers and nextHopToTransitGateway: self)',
        });
      } else if (advertised.dependsOnUndocumented) {
        report({
          code: 'return-path-undocumented',
          severity: 'warning',
          path: [...gatewayPath(where, cluster.name, gateway.name), 'ipPool', 'cidr'],
          message: `replies to egress gateway "${gateway.name}" (${gateway.pool.cidr}) depend on undocumented Transit Gateway behaviour: ${advertised.description}`,
          hint: 'use next hop self towards the TGW and schedule gateways on Connect-peer nodes (aws.md A.1)',
        });
      }
    }
  }
}

function checkInspection(where: Where, flows: readonly NamedFlow[], report: Report): void {
  const reported = new Set<string>();
  for (const flow of flows) {
    for (const t of flow.traces) {
      if (!t.service || reported.has(`${t.service}|${t.verdict.kind}`)) continue;
      if (t.verdict.kind === 'asymmetric') {
        reported.add(`${t.service}|${t.verdict.kind}`);
        report({
          code: 'asymmetric-return',
          path: servicePath(where, t.service),
          message: `${flow.key}: ${t.verdict.reason}, so the stateful firewall cannot follow the connection`,
          hint: 'route both directions through the inspection VPC (its attachment keeps appliance mode on)',
        });
      } else if (t.verdict.kind === 'allowed' && (t.inspected.forward === undefined || t.inspected.return === undefined)) {
        reported.add(`${t.service}|${t.verdict.kind}`);
        report({
          code: 'inspection-bypassed',
          severity: 'warning',
          path: servicePath(where, t.service),
          message: `${flow.key} reaches ${t.destination} without crossing the firewall`,
          hint: 'keep services and their clients in different VPCs, so that the Transit Gateway sends the traffic through the inspection VPC',
        });
      }
    }
  }
}

/** A protected service must be unreachable from everything but the gateway pools the firewall allows. */
function checkProtected(where: Where, flows: readonly NamedFlow[], report: Report): void {
  const { model } = where;
  const protect = where.spec?.spec.firewall.protect ?? model.firewall.protectedServices;
  protect.forEach((name, index) => {
    const leak = flows.find((f) => f.to.kind === 'service' && f.to.service === name && f.traces.some((t) => !t.gateway && t.verdict.kind === 'allowed'));
    if (!leak) return;
    report({
      code: 'protected-reachable',
      path: ['spec', 'firewall', 'protect', index],
      message: `protected service "${name}" is reachable from ${leak.key.split(' → ')[0] ?? ''}, which is not an egress gateway pool`,
      hint: 'a protected service must be reachable only from the pools the allow rules name; see `egressc trace` for the path',
    });
  });
}

/** The model checks of the path model, run by validate and build after allocation. */
export function checkReachability(model: Topology, report: Report, spec?: Spec): void {
  const flows = namedFlows(model);
  const where: Where = { model, spec };
  checkReturnPaths(where, flows, report);
  checkAdvertised(where, report);
  checkInspection(where, flows, report);
  checkProtected(where, flows, report);
}

const inside = (cidr: string, address: string): boolean => {
  const network = parseCidr(cidr);
  const value = parseIpv4(address);
  return network !== undefined && value !== undefined && containsAddress(network, value);
};

function expectationProblem(expected: { verdict: string; sourceAddress?: string }, traces: readonly FlowTrace[]): string | undefined {
  const wrong = traces.find((t) => t.verdict.kind !== expected.verdict);
  if (wrong) return `the trace finds ${verdictText(wrong.verdict)}${traces.length > 1 ? ` for ${wrong.destination}` : ''}, not ${expected.verdict}`;
  if (expected.sourceAddress !== undefined) {
    const other = traces.find((t) => !inside(t.sourceCidr, expected.sourceAddress!));
    if (other) return `the destination sees the flow come from ${other.sourceCidr}, which does not contain ${expected.sourceAddress}`;
  }
  return undefined;
}

/** Each spec expectation traced and compared; a failure is reported at its line with the trace. */
export function checkExpectations(spec: Spec, model: Topology, report: Report): void {
  spec.spec.expectations.forEach((expectation, index) => {
    const path = ['spec', 'expectations', index];
    const source = parseSource(expectation.from);
    if (!source.ok) return report({ code: 'expectation-invalid', path: [...path, 'from'], message: `expectation ${index + 1}: ${source.error}`, hint: 'name a source egressc knows' });
    const target = parseTarget(expectation.to);
    if (!target.ok) return report({ code: 'expectation-invalid', path: [...path, 'to'], message: `expectation ${index + 1}: ${target.error}`, hint: 'name a destination egressc knows' });
    const resolved = resolveTarget(model, target.value);
    if (!resolved.ok) return report({ code: 'expectation-invalid', path: [...path, 'to'], message: `expectation ${index + 1}: ${resolved.error}`, hint: 'name a service of spec.services' });
    const result = trace(model, source.value, resolved.value);
    if (!result.ok) return report({ code: 'expectation-invalid', path: [...path, 'from'], message: `expectation ${index + 1}: ${result.error}`, hint: 'name a source of this spec' });
    const problem = expectationProblem(expectation, result.traces);
    if (!problem) return;
    report({
      code: 'expectation-failed',
      path: [...path, expectation.sourceAddress !== undefined && !problem.startsWith('the trace') ? 'sourceAddress' : 'verdict'],
      message: `expectation ${expectation.from} → ${expectation.to} fails: ${problem}`,
      hint: `fix the spec or the expectation; the trace:\n${renderTraceText(expectation.from, expectation.to, result.traces)}`,
    });
  });
}
