// The AWS lint: what AWS Network Firewall rejects or misapplies in a stateful rule group, checked on the
// rules string exactly as AWS receives it (parsed back), so hand-written or hostile text is caught too.
// Neither Suricata nor suricata-update knows these limits (see docs/firewall.md).
import type { Diagnostic, SpecPath } from '../../diagnostics/types.js';
import { addressSet, parseRulesText, variablesIn, type ParsedRule, type RuleSyntaxError } from '../../render/firewall/parse-rule.js';
import { groupValue, type RuleVariables } from '../../render/firewall/rules-text.js';
import { MAX_VARIABLE_NAME_LENGTH, VARIABLE_NAME } from '../../render/firewall/variables.js';

export const MAX_RULE_CHARACTERS = 8192;
export const MAX_RULES_STRING_BYTES = 2_000_000;
export const ALLOWED_ACTIONS: readonly string[] = ['pass', 'drop', 'reject', 'alert'];

/** keyword → why AWS refuses it */
const FORBIDDEN_KEYWORDS: ReadonlyMap<string, string> = new Map([
  ['dataset', 'datasets are not supported'],
  ['datarep', 'datasets are not supported'],
  ['iprep', 'IP reputation is not supported'],
  ['lua', 'Lua is not supported'],
  ['luajit', 'Lua is not supported'],
  ['filestore', 'file extraction is not supported'],
  ['filemagic', 'file keywords are not supported'],
  ['file.magic', 'file keywords are not supported'],
  ['filename', 'file keywords are not supported'],
  ['file.name', 'file keywords are not supported'],
  ['fileext', 'file keywords are not supported'],
  ['filesize', 'file keywords are not supported'],
  ['filemd5', 'file keywords are not supported'],
  ['filesha1', 'file keywords are not supported'],
  ['filesha256', 'file keywords are not supported'],
  ['ftpdata_command', 'FTP-data detection is not supported'],
  ['threshold', 'thresholding is not supported'],
  ['detection_filter', 'thresholding is not supported'],
  ['hostbits', 'hostbits track IP addresses, which is not supported'],
]);

/** Keyword families AWS refuses: ENIP/CIP. */
const FORBIDDEN_KEYWORD_PREFIXES: readonly [string, string][] = [
  ['enip', 'ENIP/CIP keywords are not supported'],
  ['cip_', 'ENIP/CIP keywords are not supported'],
  ['cip.', 'ENIP/CIP keywords are not supported'],
];

const FORBIDDEN_PROTOCOLS: ReadonlyMap<string, string> = new Map([
  ['sctp', 'SCTP is not supported'],
  ['enip', 'ENIP/CIP is not supported'],
  ['ftp-data', 'FTP-data detection is not supported'],
  ['ikev2', 'IKEv2 is not supported'],
]);

/** Protocols on which a rule without flow context is IP-only for AWS (we include udp: same engine path). */
const NEEDS_FLOW: readonly string[] = ['ip', 'tcp', 'udp'];

export interface LintInput {
  /** the rules string as AWS receives it */
  rulesText: string;
  variables: RuleVariables;
  ruleOrder: 'STRICT_ORDER' | 'DEFAULT_ACTION_ORDER';
  capacity: number;
  /** key of the rule object on each line of the rules string (index = line - 1), so messages name it */
  ruleKeys?: readonly string[];
  /** where the intent entry a rule comes from is written, by the rule's key (else spec.firewall) */
  ruleAt?: (key: string) => SpecPath | undefined;
}

export interface LintResult {
  diagnostics: Diagnostic[];
  /** the rules that parsed, for the policy check */
  rules: ParsedRule[];
}

const FIREWALL_PATH = ['spec', 'firewall'] as const;

const error = (code: string, message: string, hint: string, path: readonly (string | number)[] = FIREWALL_PATH): Diagnostic => ({
  code,
  severity: 'error',
  message,
  hint,
  path,
});

export const describeRule = (rule: Pick<ParsedRule, 'line' | 'options' | 'key'>): string => {
  const sid = rule.options.find((o) => o.keyword === 'sid')?.value;
  const labels = [...(sid !== undefined ? [`sid ${sid}`] : []), ...(rule.key !== undefined ? [rule.key] : [])];
  return `rule at line ${rule.line}${labels.length ? ` (${labels.join(', ')})` : ''}`;
};

function syntaxDiagnostic(e: RuleSyntaxError): Diagnostic {
  return error(
    'firewall-rule-syntax',
    `The rule at line ${e.line} is not a well-formed Suricata rule: ${e.reason}.`,
    'Every rule must read `action protocol source port -> destination port (keyword:value; …)` with each option ended by ";" and `"`, `;`, `\\` escaped inside values.',
  );
}

function keywordDiagnostics(rule: ParsedRule, ruleOrder: LintInput['ruleOrder']): Diagnostic[] {
  const found: Diagnostic[] = [];
  const forbid = (keyword: string, why: string): void => {
    found.push(
      error('firewall-forbidden-keyword', `The ${describeRule(rule)} uses "${keyword}": AWS Network Firewall refuses it (${why}).`, `Remove "${keyword}" from the rule; AWS rejects the whole rule group otherwise.`),
    );
  };
  for (const { keyword, value } of rule.options) {
    const lower = keyword.toLowerCase();
    const why = FORBIDDEN_KEYWORDS.get(lower) ?? FORBIDDEN_KEYWORD_PREFIXES.find(([prefix]) => lower.startsWith(prefix))?.[1];
    if (why) forbid(keyword, why);
    if (lower === 'xbits' && value !== undefined && /\btrack\s+ip_(src|dst|pair)\b/.test(value)) forbid(`xbits ${value}`, 'xbits tracking IP addresses are not supported');
    if (lower === 'tag' && value !== undefined && /^host\b/.test(value.trim())) forbid(`tag:${value}`, 'host tagging is not supported');
    if (lower === 'priority' && ruleOrder === 'STRICT_ORDER') {
      found.push(
        error('firewall-priority-in-strict-order', `The ${describeRule(rule)} uses "priority", which AWS forbids in a STRICT_ORDER rule group.`, 'Drop the priority keyword: under STRICT_ORDER the rule\'s position decides its order.'),
      );
    }
  }
  return found;
}

function headerDiagnostics(rule: ParsedRule): Diagnostic[] {
  const found: Diagnostic[] = [];
  if (!ALLOWED_ACTIONS.includes(rule.action)) {
    found.push(
      error('firewall-forbidden-action', `The ${describeRule(rule)} uses the action "${rule.action}"; AWS allows only ${ALLOWED_ACTIONS.join(', ')}.`, `Use one of ${ALLOWED_ACTIONS.join(', ')}.`),
    );
  }
  const protocolWhy = FORBIDDEN_PROTOCOLS.get(rule.protocol.toLowerCase());
  if (protocolWhy) {
    found.push(error('firewall-forbidden-keyword', `The ${describeRule(rule)} matches protocol "${rule.protocol}": ${protocolWhy} by AWS Network Firewall.`, 'Match a supported protocol (tcp, udp, ip, icmp or a supported application protocol).'));
  }
  if (NEEDS_FLOW.includes(rule.protocol) && !rule.options.some((o) => o.keyword === 'flow')) {
    found.push(
      error(
        'firewall-rule-without-flow',
        `The ${describeRule(rule)} matches ${rule.protocol} without flow context, so AWS treats it as IP-only and evaluates it only on the first packet of each direction.`,
        'Add flow context, e.g. "flow:to_server;".',
      ),
    );
  }
  return found;
}

/** The rule's length with every $VARIABLE replaced by its value (AWS counts the values). */
function expandedLength(rule: ParsedRule, variables: RuleVariables): number {
  const header = rule.text.slice(0, rule.text.indexOf('('));
  let length = rule.text.length;
  for (const name of variablesIn(header)) {
    const value = variables.ipSets[name] ?? variables.portSets[name];
    if (value) length += groupValue(value).length - (name.length + 1);
  }
  return length;
}

function variableDiagnostics(rule: ParsedRule, variables: RuleVariables): Diagnostic[] {
  const used = [rule.source, rule.destination].flatMap(variablesIn);
  const usedPorts = [rule.sourcePort, rule.destinationPort].flatMap(variablesIn);
  const missing = [
    ...used.filter((name) => variables.ipSets[name] === undefined),
    ...usedPorts.filter((name) => variables.portSets[name] === undefined),
  ];
  return [...new Set(missing)].map((name) =>
    error('firewall-undefined-variable', `The ${describeRule(rule)} uses $${name}, which the rule group does not define; AWS marks the whole group invalid.`, `Define ${name} in the rule group's rule variables or stop using it.`),
  );
}

function variableNameDiagnostics(variables: RuleVariables): Diagnostic[] {
  const names = [...Object.keys(variables.ipSets), ...Object.keys(variables.portSets)];
  const found = names
    .filter((name) => !VARIABLE_NAME.test(name) || name.length > MAX_VARIABLE_NAME_LENGTH)
    .map((name) =>
      error('firewall-invalid-variable-name', `The rule variable "${name}" is not a valid AWS rule variable name.`, `Names are 1-${MAX_VARIABLE_NAME_LENGTH} characters matching ${VARIABLE_NAME.source}.`),
    );
  for (const [name, values] of Object.entries(variables.ipSets)) {
    if (!addressSet(groupValue(values), () => undefined)) {
      found.push(error('firewall-invalid-variable-value', `The IP set variable ${name} = ${groupValue(values)} is not a list of IPv4 addresses or CIDRs.`, 'Give IP set variables only IPv4 addresses and CIDRs.'));
    }
  }
  return found;
}

function sidDiagnostics(rules: readonly ParsedRule[]): Diagnostic[] {
  const found: Diagnostic[] = [];
  const firstLine = new Map<string, number>();
  for (const rule of rules) {
    const sids = rule.options.filter((o) => o.keyword === 'sid');
    const sid = sids[0]?.value;
    if (sids.length !== 1 || sid === undefined || !/^[1-9]\d*$/.test(sid)) {
      found.push(error('firewall-missing-sid', `The ${describeRule(rule)} needs exactly one numeric sid; it has ${sids.length === 0 ? 'none' : sids.map((s) => s.value ?? '').join(', ')}.`, 'AWS requires a positive sid, unique within the rule group, in every rule.'));
      continue;
    }
    const earlier = firstLine.get(sid);
    if (earlier !== undefined) {
      found.push(error('firewall-duplicate-sid', `sid ${sid} is used by the rules at lines ${earlier} and ${rule.line}; AWS requires unique sids within a rule group.`, 'Give each rule its own sid (egressc assigns them from the lock file; a hand edit of the lock may have duplicated one).', ['spec', 'firewall']));
    } else firstLine.set(sid, rule.line);
  }
  return found;
}

/** The AWS lint of one rule group's rules string. */
export function lintRules(input: LintInput): LintResult {
  const parsed = parseRulesText(input.rulesText);
  const { errors } = parsed;
  const rules = parsed.rules.map((rule) => {
    const key = input.ruleKeys?.[rule.line - 1];
    return key === undefined ? rule : { ...rule, key };
  });
  const diagnostics: Diagnostic[] = errors.map(syntaxDiagnostic);
  diagnostics.push(...variableNameDiagnostics(input.variables));
  for (const rule of rules) {
    diagnostics.push(...headerDiagnostics(rule), ...keywordDiagnostics(rule, input.ruleOrder), ...variableDiagnostics(rule, input.variables));
    const length = expandedLength(rule, input.variables);
    if (length > MAX_RULE_CHARACTERS) {
      const at = rule.key === undefined ? undefined : input.ruleAt?.(rule.key);
      diagnostics.push(error('firewall-rule-too-long', `The ${describeRule(rule)} is ${length} characters with its variables expanded; AWS allows ${MAX_RULE_CHARACTERS}.`, 'Split the rule (e.g. fewer addresses or ports per rule).', at));
    }
  }
  diagnostics.push(...sidDiagnostics(rules));
  const bytes = new TextEncoder().encode(input.rulesText).length;
  if (bytes > MAX_RULES_STRING_BYTES) {
    diagnostics.push(error('firewall-rules-too-large', `The rules string is ${bytes} bytes; AWS allows ${MAX_RULES_STRING_BYTES} per rule group.`, 'Split the intent over several rule groups or reduce the number of rules.'));
  }
  const ruleCount = rules.length + errors.length;
  if (input.capacity < ruleCount) {
    diagnostics.push(
      error('firewall-capacity-exceeded', `The rule group has ${ruleCount} rules but a capacity of ${input.capacity}; a stateful rule takes 1 capacity unit.`, 'Raise firewall.ruleGroup.capacity (it is fixed at creation: the rule group is replaced) or remove rules.', ['spec', 'firewall', 'ruleGroup', 'capacity']),
    );
  }
  return { diagnostics, rules };
}
