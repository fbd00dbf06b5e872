// The Suricata rules of the rule group: the ONE source of truth for both DIR/firewall/*.rules and the
// Terraform rule group. (First cut; the firewall emitter owns and refines the rendering.)
import type { Firewall, FirewallRule } from '../../model/types.js';

export interface RuleVariables {
  /** IP set variables ($NAME), e.g. HOME_NET → CIDRs */
  ipSets: Record<string, string[]>;
  /** port set variables ($NAME) */
  portSets: Record<string, string[]>;
}

export function ruleVariables(firewall: Firewall): RuleVariables {
  return { ipSets: { HOME_NET: [...firewall.homeNet] }, portSets: {} };
}

const addressList = (cidrs: readonly string[] | 'any'): string => (cidrs === 'any' ? 'any' : `[${cidrs.join(',')}]`);
const portList = (ports: readonly number[] | 'any'): string => (ports === 'any' ? 'any' : `[${ports.join(',')}]`);
const escapeMessage = (text: string): string => text.replace(/[\\;"]/g, (c) => `\\${c}`);

export function renderRule(rule: FirewallRule): string {
  const flow = rule.protocol === 'tcp' ? ' flow:to_server;' : '';
  return `${rule.action} ${rule.protocol} ${addressList(rule.sources)} any -> ${addressList(rule.destinations)} ${portList(rule.ports)} (msg:"${escapeMessage(rule.message)}";${flow} sid:${rule.sid}; rev:${rule.rev};)`;
}

/** The rules string of the rule group (what AWS receives). */
export function renderRulesString(firewall: Firewall): string {
  return firewall.rules.map(renderRule).join('\n') + '\n';
}
