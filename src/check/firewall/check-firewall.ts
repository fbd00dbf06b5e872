// The firewall rules over the resolved model: the rules string exactly as AWS receives it (rendered by
// src/render/firewall, the same text the emitters write) is linted for AWS, compared with the rule objects
// it came from, and checked against the intent. validate and build both run this (src/analyze.ts).
import type { Diagnostic, SpecPath } from '../../diagnostics/types.js';
import type { FirewallRule, Topology } from '../../model/types.js';
import { addressSet, type ParsedRule } from '../../render/firewall/parse-rule.js';
import { normalize, parseCidr, sameSet, type Range } from '../../render/firewall/ranges.js';
import { renderRulesString, ruleVariables, type RuleVariables } from '../../render/firewall/rules-text.js';
import { lintRules } from './lint.js';
import { checkPolicy } from './policy.js';

/** The rendered text must match the rule objects it came from (the variables carry their addresses). */
function renderingDiagnostics(rules: readonly FirewallRule[], parsed: readonly ParsedRule[], variables: RuleVariables): Diagnostic[] {
  const lookup = (name: string): readonly string[] | undefined => variables.ipSets[name];
  const asSet = (cidrs: readonly string[] | 'any') =>
    cidrs === 'any' ? addressSet('any', lookup) : normalize(cidrs.map(parseCidr).filter((r): r is Range => r !== undefined));
  const byLine = new Map(parsed.map((p) => [p.line, p]));
  return rules.flatMap((rule, index) => {
    // renderRulesString writes rule i on line i + 1
    const text = byLine.get(index + 1);
    if (!text) return [];
    const sources = addressSet(text.source, lookup);
    const destinations = addressSet(text.destination, lookup);
    const expectedSources = asSet(rule.sources);
    const agrees = sources && destinations && expectedSources && sameSet(sources, expectedSources) && sameSet(destinations, asSet(rule.destinations) ?? []);
    return agrees
      ? []
      : [
          {
            code: 'firewall-rule-mismatch',
            severity: 'error' as const,
            message: `The rendered rule "${rule.key}" (line ${text.line}) does not match its addresses in the model: a rule variable holds another rule's value.`,
            hint: 'This is an egressc bug: please report it with the spec.',
            path: ['spec', 'firewall'],
          },
        ];
  });
}

/** Where each rule's intent entry is written (firewall.allow[i] or firewall.protect[i]), by the rule's key. */
function intentPaths(rules: readonly FirewallRule[], allowInSpecOrder: readonly string[], protectInSpecOrder: readonly string[]): (key: string) => SpecPath | undefined {
  const paths = new Map<string, SpecPath>();
  for (const rule of rules) {
    const { origin } = rule;
    const index = origin.kind === 'allow' ? allowInSpecOrder.indexOf(origin.name) : protectInSpecOrder.indexOf(origin.service);
    if (index >= 0) paths.set(rule.key, ['spec', 'firewall', origin.kind, index]);
  }
  return (key) => paths.get(key);
}

/**
 * Every finding about the firewall of a resolved model; paths point into the spec, not yet placed.
 * The model lists protected services in name order; `protectInSpecOrder` (the spec's firewall.protect)
 * and `allowInSpecOrder` (the names of firewall.allow) let a finding point at the entry it is about.
 */
export function firewallDiagnostics(
  model: Topology,
  protectInSpecOrder: readonly string[] = model.firewall.protectedServices,
  allowInSpecOrder: readonly string[] = [],
): Diagnostic[] {
  const { firewall } = model;
  const rulesText = renderRulesString(firewall);
  const variables = ruleVariables(firewall);
  const ruleAt = intentPaths(firewall.rules, allowInSpecOrder, protectInSpecOrder);
  const lint = lintRules({ rulesText, variables, ruleOrder: firewall.ruleOrder, capacity: firewall.ruleGroup.capacity, ruleKeys: firewall.rules.map((r) => r.key), ruleAt });
  const policy = checkPolicy({
    ruleAt,
    rules: lint.rules,
    variables,
    gatewayPools: model.clusters.flatMap((c) => c.egressGateways.map((g) => ({ name: g.name, cidr: g.pool.cidr }))),
    services: model.services,
    protectedServices: protectInSpecOrder,
  });
  return [...lint.diagnostics, ...renderingDiagnostics(firewall.rules, lint.rules, variables), ...policy];
}
