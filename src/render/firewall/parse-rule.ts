// A small, strict reader of Suricata rule text: enough to lint what AWS receives (structure, actions,
// keywords, variables) and to turn addresses and ports into exact sets for the policy check.
// It rejects what suricata-update rejects (unbalanced parentheses, an option without its ";").
import { ALL_ADDRESSES, ALL_PORTS, normalize, parseCidr, parsePortRange, type Range, type RangeSet } from './ranges.js';

export interface RuleOption {
  keyword: string;
  /** raw text after the first ":", trimmed; undefined for a bare keyword */
  value?: string;
}

export interface ParsedRule {
  /** 1-based line in the rules string */
  line: number;
  text: string;
  action: string;
  protocol: string;
  source: string;
  sourcePort: string;
  direction: string;
  destination: string;
  destinationPort: string;
  options: RuleOption[];
  /** the stable key of the rule object it was rendered from, when known (for messages) */
  key?: string;
}

export interface RuleSyntaxError {
  line: number;
  text: string;
  reason: string;
}

/** Splits the header on whitespace outside [ ] groups. */
function headerTokens(header: string): string[] | string {
  const tokens: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of header) {
    if (c === '[') depth++;
    if (c === ']') depth--;
    if (depth < 0) return 'unbalanced "]" in the rule header';
    if (/\s/.test(c) && depth === 0) {
      if (current) tokens.push(current);
      current = '';
    } else current += c;
  }
  if (depth !== 0) return 'unbalanced "[" in the rule header';
  if (current) tokens.push(current);
  return tokens;
}

/** Splits "k:v; k2; …" on unescaped ";"; every option must end with one. */
function optionList(body: string): RuleOption[] | string {
  const options: RuleOption[] = [];
  let current = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] ?? '';
    if (c === '\\') {
      const next = body[i + 1];
      if (next === undefined) return 'a "\\" ends the options';
      current += c + next;
      i++;
      continue;
    }
    if (c !== ';') {
      current += c;
      continue;
    }
    const option = current.trim();
    current = '';
    if (!option) return 'an empty option (";;")';
    const colon = option.indexOf(':');
    const keyword = (colon < 0 ? option : option.slice(0, colon)).trim();
    if (!/^[A-Za-z0-9_.-]+$/.test(keyword)) return `"${keyword}" is not an option keyword`;
    options.push(colon < 0 ? { keyword } : { keyword, value: option.slice(colon + 1).trim() });
  }
  if (current.trim()) return `the last option "${current.trim()}" does not end with ";"`;
  return options;
}

/** Counts unescaped, unquoted parentheses in the options, which must balance. */
function unbalancedParentheses(body: string): boolean {
  let inQuotes = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') i++;
    else if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '(' || c === ')')) return true;
  }
  return inQuotes;
}

export function parseRuleLine(text: string, line: number): ParsedRule | RuleSyntaxError {
  const fail = (reason: string): RuleSyntaxError => ({ line, text, reason });
  const open = text.indexOf('(');
  if (open < 0) return fail('no "(" opens the options');
  if (!text.trimEnd().endsWith(')')) return fail('the rule does not end with ")"');
  const body = text.trimEnd().slice(open + 1, -1);
  if (unbalancedParentheses(body)) return fail('unbalanced quotes or parentheses in the options');
  const tokens = headerTokens(text.slice(0, open));
  if (typeof tokens === 'string') return fail(tokens);
  if (tokens.length !== 7) return fail(`the header has ${tokens.length} fields instead of 7 (action protocol source port direction destination port)`);
  const options = optionList(body);
  if (typeof options === 'string') return fail(options);
  const [action = '', protocol = '', source = '', sourcePort = '', direction = '', destination = '', destinationPort = ''] = tokens;
  if (direction !== '->' && direction !== '<>') return fail(`"${direction}" is not a direction (-> or <>)`);
  return { line, text, action, protocol, source, sourcePort, direction, destination, destinationPort, options };
}

export const isSyntaxError = (r: ParsedRule | RuleSyntaxError): r is RuleSyntaxError => 'reason' in r;

/** Every rule line of a rules string (comments and blank lines skipped). */
export function parseRulesText(rulesText: string): { rules: ParsedRule[]; errors: RuleSyntaxError[] } {
  const rules: ParsedRule[] = [];
  const errors: RuleSyntaxError[] = [];
  rulesText.split('\n').forEach((raw, index) => {
    const text = raw.replace(/\r$/, '');
    if (!text.trim() || text.trimStart().startsWith('#')) return;
    const parsed = parseRuleLine(text, index + 1);
    if (isSyntaxError(parsed)) errors.push(parsed);
    else rules.push(parsed);
  });
  return { rules, errors };
}

/** Names of the $VARIABLES an address or port expression uses. */
export function variablesIn(expression: string): string[] {
  return [...expression.matchAll(/\$([A-Za-z0-9_]+)/g)].map((m) => m[1] ?? '');
}

export type Lookup = (name: string) => readonly string[] | undefined;

/**
 * An address (or port) expression as a set; undefined when it cannot be known exactly here
 * (negation, an undefined variable, a malformed element).
 */
function expand(expression: string, lookup: Lookup, all: RangeSet, element: (t: string) => Range | undefined, depth = 0): RangeSet | undefined {
  if (depth > 8) return undefined;
  const text = expression.trim();
  if (text === 'any') return all;
  if (text.startsWith('!')) return undefined;
  if (text.startsWith('$')) {
    const value = lookup(text.slice(1));
    if (!value) return undefined;
    return expandList(value, lookup, all, element, depth + 1);
  }
  if (text.startsWith('[') && text.endsWith(']')) {
    const items = splitGroup(text.slice(1, -1));
    return items ? expandList(items, lookup, all, element, depth + 1) : undefined;
  }
  const range = element(text);
  return range ? [range] : undefined;
}

function expandList(items: readonly string[], lookup: Lookup, all: RangeSet, element: (t: string) => Range | undefined, depth: number): RangeSet | undefined {
  const ranges: Range[] = [];
  for (const item of items) {
    const set = expand(item, lookup, all, element, depth);
    if (!set) return undefined;
    ranges.push(...set);
  }
  return ranges.length ? normalize(ranges) : undefined;
}

/** Top-level comma split of a [ ] group's inside. */
function splitGroup(inside: string): string[] | undefined {
  const items: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of inside) {
    if (c === '[') depth++;
    if (c === ']') depth--;
    if (c === ',' && depth === 0) {
      items.push(current);
      current = '';
    } else current += c;
  }
  items.push(current);
  return items.every((i) => i.trim()) ? items : undefined;
}

export const addressSet = (expression: string, lookup: Lookup): RangeSet | undefined => expand(expression, lookup, ALL_ADDRESSES, parseCidr);
export const portSet = (expression: string, lookup: Lookup): RangeSet | undefined => expand(expression, lookup, ALL_PORTS, parsePortRange);
