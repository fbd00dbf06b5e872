// The policy check: does the rule group do what the intent says? Works on the parsed rules string
// (what AWS enforces), with addresses and ports expanded to exact sets.
import type { Diagnostic, SpecPath } from '../../diagnostics/types.js';
import { describeRule } from './lint.js';
import { addressSet, portSet, type Lookup, type ParsedRule } from '../../render/firewall/parse-rule.js';
import { ALL_ADDRESSES, ALL_PORTS, containsAll, intersects, normalize, parseCidr, sameSet, type Range, type RangeSet } from '../../render/firewall/ranges.js';
import type { RuleVariables } from '../../render/firewall/rules-text.js';

export interface PolicyInput {
  rules: readonly ParsedRule[];
  variables: RuleVariables;
  /** every egress gateway's pool: the only sources an allow (pass) rule may have */
  gatewayPools: readonly { name: string; cidr: string }[];
  services: readonly { name: string; addresses: readonly string[] }[];
  /** names of the services the intent protects, in spec order (findings point at firewall.protect[i]) */
  protectedServices: readonly string[];
  /** where the intent entry a rule comes from is written, by the rule's key (else spec.firewall) */
  ruleAt?: (key: string) => SpecPath | undefined;
}

/** Options that label a rule without changing what it matches. */
const LABEL_OPTIONS: readonly string[] = ['msg', 'sid', 'rev', 'gid', 'metadata', 'classtype', 'reference', 'priority', 'target'];

/** What a rule matches, when it can be known exactly. */
interface Match {
  rule: ParsedRule;
  protocol: string;
  sources: RangeSet;
  sourcePorts: RangeSet;
  destinations: RangeSet;
  destinationPorts: RangeSet;
  /** the flow option's parts, sorted; [] without one */
  flow: string[];
  /** true when other options narrow the match (content, flowbits …) */
  narrowed: boolean;
}

function matchOf(rule: ParsedRule, lookupIp: Lookup, lookupPort: Lookup): Match | undefined {
  if (rule.direction !== '->') return undefined;
  const sources = addressSet(rule.source, lookupIp);
  const destinations = addressSet(rule.destination, lookupIp);
  const sourcePorts = portSet(rule.sourcePort, lookupPort);
  const destinationPorts = portSet(rule.destinationPort, lookupPort);
  if (!sources || !destinations || !sourcePorts || !destinationPorts) return undefined;
  const flows = rule.options.filter((o) => o.keyword === 'flow');
  if (flows.length > 1) return undefined;
  const flow = (flows[0]?.value ?? '').split(',').map((p) => p.trim()).filter(Boolean).sort();
  const narrowed = rule.options.some((o) => o.keyword !== 'flow' && !LABEL_OPTIONS.includes(o.keyword));
  return { rule, protocol: rule.protocol, sources, sourcePorts, destinations, destinationPorts, flow, narrowed };
}

const sameFlow = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((p, i) => p === b[i]);

/** Every packet `later` matches, `earlier` matches too. */
function covers(earlier: Match, later: Match): boolean {
  return (
    !earlier.narrowed &&
    (earlier.protocol === 'ip' || earlier.protocol === later.protocol) &&
    (earlier.flow.length === 0 || sameFlow(earlier.flow, later.flow)) &&
    containsAll(earlier.sources, later.sources) &&
    containsAll(earlier.sourcePorts, later.sourcePorts) &&
    containsAll(earlier.destinations, later.destinations) &&
    containsAll(earlier.destinationPorts, later.destinationPorts)
  );
}

const DECIDING_ACTIONS: readonly string[] = ['pass', 'drop', 'reject'];

/**
 * Earlier deciding rules, indexed by the addresses their destinations hold, so that finding the rules
 * that might cover a later one (they must contain its lowest destination address) is not quadratic.
 * Host ranges are keyed by address, ranges up to a /24 by /24, up to a /16 by /16, the rest are "wide".
 */
class DestinationIndex {
  private readonly hosts = new Map<number, number[]>();
  private readonly by24 = new Map<number, number[]>();
  private readonly by16 = new Map<number, number[]>();
  private readonly wide: number[] = [];

  add(index: number, destinations: RangeSet): void {
    for (const [low, high] of destinations) {
      const size = high - low + 1;
      if (size === 1) push(this.hosts, low, index);
      else if (size <= 256) for (let key = low >>> 8; key <= high >>> 8; key++) push(this.by24, key, index);
      else if (size <= 65536) for (let key = low >>> 16; key <= high >>> 16; key++) push(this.by16, key, index);
      else this.wide.push(index);
    }
  }

  /** Indices of the rules that may contain `address`, ascending. */
  candidates(address: number): number[] {
    const found = new Set([...(this.hosts.get(address) ?? []), ...(this.by24.get(address >>> 8) ?? []), ...(this.by16.get(address >>> 16) ?? []), ...this.wide]);
    return [...found].sort((a, b) => a - b);
  }
}

function push(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function shadowDiagnostics(matches: readonly Match[], ruleAt: PolicyInput['ruleAt']): Diagnostic[] {
  const found: Diagnostic[] = [];
  const index = new DestinationIndex();
  matches.forEach((later, position) => {
    const lowest = later.destinations[0]?.[0];
    const earlier =
      lowest === undefined ? undefined : index.candidates(lowest).map((i) => matches[i]).find((m): m is Match => m !== undefined && covers(m, later));
    // alert rules do not stop evaluation, so only pass/drop/reject can shadow
    if (DECIDING_ACTIONS.includes(later.rule.action)) index.add(position, later.destinations);
    if (!earlier) return;
    found.push({
      code: 'firewall-rule-shadowed',
      severity: 'error',
      message: `The ${describeRule(later.rule)} never takes effect: the earlier ${describeRule(earlier.rule)} (${earlier.rule.action}) matches everything it matches.`,
      hint: 'Remove the redundant intent entry (e.g. two allow entries granting the same gateway the same service) or narrow the earlier rule.',
      path: (later.rule.key === undefined ? undefined : ruleAt?.(later.rule.key)) ?? ['spec', 'firewall'],
    });
  });
  return found;
}

function cidrSet(cidrs: readonly string[]): RangeSet | undefined {
  const ranges = cidrs.map((c) => parseCidr(c));
  return ranges.every((r): r is Range => r !== undefined) ? normalize(ranges) : undefined;
}

function allowSourceDiagnostics(rules: readonly ParsedRule[], matches: ReadonlyMap<ParsedRule, Match>, pools: RangeSet): Diagnostic[] {
  return rules
    .filter((rule) => rule.action === 'pass')
    .filter((rule) => {
      const match = matches.get(rule);
      return !match || !containsAll(pools, match.sources);
    })
    .map((rule) => ({
      code: 'firewall-allow-source-not-gateway',
      severity: 'error' as const,
      message: `The pass ${describeRule(rule)} lets "${rule.source}" through, which is not (entirely) an egress gateway's address range.`,
      hint: "Allow rules may only pass traffic from egress gateway pools; reference gateways by name in firewall.allow[].from.",
      path: ['spec', 'firewall', 'allow'],
    }));
}

/** A drop/reject rule for all protocols, from anywhere, on all ports, towards (at least) these addresses. */
function protects(match: Match, addresses: RangeSet): boolean {
  return (
    (match.rule.action === 'drop' || match.rule.action === 'reject') &&
    match.protocol === 'ip' &&
    !match.narrowed &&
    (match.flow.length === 0 || sameFlow(match.flow, ['to_server'])) &&
    sameSet(match.sources, ALL_ADDRESSES) &&
    sameSet(match.sourcePorts, ALL_PORTS) &&
    sameSet(match.destinationPorts, ALL_PORTS) &&
    containsAll(match.destinations, addresses)
  );
}

function serviceDiagnostics(input: PolicyInput, byRule: ReadonlyMap<ParsedRule, Match>): Diagnostic[] {
  // Computed once, so that the check stays linear in rules + services.
  const droppingAll = [...byRule.values()].filter((m) => protects(m, []));
  const passRules = input.rules.filter((rule) => rule.action === 'pass');
  // a pass rule whose match cannot be known exactly might reach any service: no warning then
  const someUnknownPass = passRules.some((rule) => !byRule.has(rule));
  const passDestinations = normalize(passRules.flatMap((rule) => [...(byRule.get(rule)?.destinations ?? [])]));
  const mightBeReached = (addresses: RangeSet): boolean => someUnknownPass || intersects(passDestinations, addresses);
  const found: Diagnostic[] = [];
  input.protectedServices.forEach((name, index) => {
    const at = ['spec', 'firewall', 'protect', index];
    const service = input.services.find((s) => s.name === name);
    const addresses = service ? cidrSet(service.addresses.map((a) => (a.includes('/') ? a : `${a}/32`))) : undefined;
    if (!addresses) {
      found.push({ code: 'firewall-service-unprotected', severity: 'error', message: `The protected service "${name}" has no known addresses, so no rule can protect it.`, hint: 'List the service under spec.services with its addresses.', path: at });
      return;
    }
    if (!droppingAll.some((m) => containsAll(m.destinations, addresses))) {
      found.push({
        code: 'firewall-service-unprotected',
        severity: 'error',
        message: `No rule drops all other traffic to the protected service "${name}".`,
        hint: 'A protected service needs a drop rule for ip from any to all its addresses and ports; egressc writes one per firewall.protect entry.',
        path: at,
      });
    }
    if (!mightBeReached(addresses)) {
      found.push({
        code: 'firewall-service-unreached',
        severity: 'warning',
        message: `The protected service "${name}" is reached by no allow rule: every flow to it is dropped.`,
        hint: 'Add a firewall.allow entry with this service in "to", or drop it from firewall.protect if that is intended.',
        path: at,
      });
    }
  });
  return found;
}

export function checkPolicy(input: PolicyInput): Diagnostic[] {
  const lookupIp: Lookup = (name) => input.variables.ipSets[name];
  const lookupPort: Lookup = (name) => input.variables.portSets[name];
  const byRule = new Map<ParsedRule, Match>();
  for (const rule of input.rules) {
    const match = matchOf(rule, lookupIp, lookupPort);
    if (match) byRule.set(rule, match);
  }
  const matches = [...byRule.values()];
  const pools = cidrSet(input.gatewayPools.map((p) => p.cidr)) ?? [];
  return [...shadowDiagnostics(matches, input.ruleAt), ...allowSourceDiagnostics(input.rules, byRule, pools), ...serviceDiagnostics(input, byRule)];
}
