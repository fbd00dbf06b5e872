// The Suricata rules of the rule group: the ONE source of truth for both DIR/firewall/*.rules and the
// Terraform rule group (rules string, rule variables, stateful default actions).
//
// Every rule carries `flow:to_server`: without flow context AWS treats a rule on ip/tcp as IP-only,
// evaluated only on the first packet of each direction. With it, both the pass rules and the drop rules
// are decided on the first packet of a connection (the SYN for TCP): the pass rule, earlier in strict
// order, passes the whole flow (return traffic included); the drop rule sees only packets towards the
// service, so the service's own outgoing connections and their replies are never touched.
import type { Firewall, FirewallRule, Ipv4Cidr } from '../../model/types.js';
import { gatewayVariable, serviceVariable } from './variables.js';

export interface RuleVariables {
  /** IP set variables ($NAME), e.g. HOME_NET → CIDRs; keys sorted */
  ipSets: Record<string, string[]>;
  /** port set variables ($NAME); keys sorted */
  portSets: Record<string, string[]>;
}

/** The flow options every rule egressc writes carries (see the module comment). */
export const FLOW_OPTION = 'to_server';

/** The variable a rule's source is written as, or undefined when it is written literally. */
function sourceVariable(rule: FirewallRule): string | undefined {
  return rule.sources !== 'any' && rule.origin.kind === 'allow' ? gatewayVariable(rule.origin.gateway) : undefined;
}

/** The variable a rule's destination is written as. */
const destinationVariable = (rule: FirewallRule): string => serviceVariable(rule.origin.service);

function sortedRecord(entries: Map<string, string[]>): Record<string, string[]> {
  const record: Record<string, string[]> = {};
  for (const key of [...entries.keys()].sort()) record[key] = entries.get(key) ?? [];
  return record;
}

/**
 * Every variable the rules use, with its value: HOME_NET (AWS would otherwise default it to the
 * inspection VPC's CIDR), one IP set per egress gateway pool and one per service.
 * The first rule naming a variable sets its value; the lint verifies that every rule agrees.
 */
export function ruleVariables(firewall: Firewall): RuleVariables {
  const ipSets = new Map<string, string[]>([['HOME_NET', [...firewall.homeNet]]]);
  for (const rule of firewall.rules) {
    const source = sourceVariable(rule);
    if (source !== undefined && rule.sources !== 'any' && !ipSets.has(source)) ipSets.set(source, [...rule.sources]);
    const destination = destinationVariable(rule);
    if (!ipSets.has(destination)) ipSets.set(destination, [...rule.destinations]);
  }
  return { ipSets: sortedRecord(ipSets), portSets: {} };
}

/** A Suricata address or port value as AWS and Suricata read variable definitions: "[a,b]". */
export const groupValue = (values: readonly string[]): string => `[${values.join(',')}]`;

const addressList = (cidrs: readonly Ipv4Cidr[]): string => (cidrs.length === 1 ? (cidrs[0] ?? '') : groupValue(cidrs));
const portList = (ports: readonly number[] | 'any'): string =>
  ports === 'any' ? 'any' : ports.length === 1 ? String(ports[0]) : groupValue(ports.map(String));

/**
 * Text safe inside msg:"…": one line of printable ASCII, with the three characters Suricata's option
 * parser treats specially (`"`, `;`, `\`) escaped by a backslash. Whitespace (newlines included) becomes
 * a space; any other character outside printable ASCII becomes "?".
 */
export function escapeMessage(text: string): string {
  return oneAsciiLine(text).replace(/[\\;"]/g, (c) => `\\${c}`);
}

/** One line of printable ASCII: whitespace (newlines included) becomes a space, anything else "?". */
export const oneAsciiLine = (text: string): string => text.replace(/\s/g, ' ').replace(/[^\x20-\x7e]/g, '?');

export function renderRule(rule: FirewallRule): string {
  const sourceVar = sourceVariable(rule);
  const source = sourceVar !== undefined ? `$${sourceVar}` : rule.sources === 'any' ? 'any' : addressList(rule.sources);
  const destination = `$${destinationVariable(rule)}`;
  const options = [`msg:"${escapeMessage(rule.message)}"`, `flow:${FLOW_OPTION}`, `sid:${rule.sid}`, `rev:${rule.rev}`];
  return `${rule.action} ${rule.protocol} ${source} any -> ${destination} ${portList(rule.ports)} (${options.map((o) => `${o};`).join(' ')})`;
}

/** The rules string of the rule group (what AWS receives): one rule per line, in evaluation order. */
export function renderRulesString(firewall: Firewall): string {
  return firewall.rules.map(renderRule).join('\n') + '\n';
}

/**
 * The policy's stateful default actions for the spec's defaultAction (STRICT_ORDER only):
 * pass → none (AWS passes unmatched packets); drop → aws:drop_strict (every unmatched packet; egressc's
 * rules decide on the first packet, so they never need the handshake to get through); alert →
 * aws:alert_established (one alert per unmatched connection instead of one per handshake packet).
 */
export function statefulDefaultActions(firewall: Pick<Firewall, 'defaultAction'>): string[] {
  switch (firewall.defaultAction) {
    case 'pass':
      return [];
    case 'drop':
      return ['aws:drop_strict'];
    case 'alert':
      return ['aws:alert_established'];
  }
}
