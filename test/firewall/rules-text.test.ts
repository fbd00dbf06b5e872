import { describe, expect, it } from 'vitest';
import type { FirewallRule } from '../../src/model/types.js';
import { lintRules } from '../../src/check/firewall/lint.js';
import { escapeMessage, renderRule, renderRulesString, ruleVariables, statefulDefaultActions } from '../../src/render/firewall/rules-text.js';
import { gatewayVariable, MAX_VARIABLE_NAME_LENGTH, serviceVariable, VARIABLE_NAME } from '../../src/render/firewall/variables.js';
import { itWithTools } from '../support/real-tools.js';
import { fixtureModel } from './model.js';
import { engineAnalysis, suricataTest, suricataUpdateParse } from './suricata.js';

const allowRule = (message: string, sid = 7): FirewallRule => ({
  key: 'allow/a/gw/svc/tcp',
  sid,
  rev: 3,
  action: 'pass',
  protocol: 'tcp',
  sources: ['198.51.100.0/29'],
  destinations: ['10.0.0.55/32'],
  ports: [5432],
  message,
  origin: { kind: 'allow', name: 'a', gateway: 'gw', service: 'svc' },
});

/** Hostile text can reach msg only through names; the renderer must survive it anyway. */
const HOSTILE: readonly string[] = [
  'quote " inside',
  'semicolon; sid:1; inside',
  'backslash \\ inside',
  'trailing backslash \\',
  '\\"; drop ip any any -> any any (sid:2;)',
  'newline\ninjected rule\r\nreject tcp any any -> any any (sid:3;)',
  'parentheses ) ( and ))',
  "mixed: '\"; \\\\ ;; \" \\;",
  'unicode ☃ and tab\there',
  '$HOME_NET |00| : , [ ] { }',
];

/** What the engine reads back from msg: the text made one printable-ASCII line. */
const readable = (text: string): string => text.replace(/\s/g, ' ').replace(/[^\x20-\x7e]/g, '?');

describe('escapeMessage', () => {
  it('escapes ", ; and \\ with a backslash', () => {
    expect(escapeMessage('a"b;c\\d')).toBe('a\\"b\\;c\\\\d');
  });

  it('never lets a newline or any control character through', () => {
    for (const text of HOSTILE) expect(escapeMessage(text)).toMatch(/^[\x20-\x7e]*$/);
    expect(escapeMessage('a\nb\r\nc\u2028d')).toBe('a b  c d');
  });

  it('leaves no unescaped quote or semicolon', () => {
    for (const text of HOSTILE) {
      const escaped = escapeMessage(text);
      // drop every escape pair; no special character may remain
      expect(escaped.replace(/\\./g, '')).not.toMatch(/["\\;]/);
    }
  });
});

describe('renderRule', () => {
  it('writes one strict rule with flow context, sid and rev from the model', () => {
    expect(renderRule(allowRule('allow a'))).toBe(
      'pass tcp $GW_GW any -> $SVC_SVC 5432 (msg:"allow a"; flow:to_server; sid:7; rev:3;)',
    );
  });

  it('keeps every hostile message inside one well-formed rule (egressc lint)', () => {
    const rules = HOSTILE.map((text, i) => allowRule(text, i + 1));
    const text = rules.map(renderRule).join('\n') + '\n';
    expect(text.split('\n')).toHaveLength(HOSTILE.length + 1);
    const variables = { ipSets: { GW_GW: ['198.51.100.0/29'], SVC_SVC: ['10.0.0.55/32'] }, portSets: {} };
    const lint = lintRules({ rulesText: text, variables, ruleOrder: 'STRICT_ORDER', capacity: 100 });
    expect(lint.diagnostics).toEqual([]);
    expect(lint.rules.map((r) => r.options.map((o) => o.keyword))).toEqual(HOSTILE.map(() => ['msg', 'flow', 'sid', 'rev']));
  });

  itWithTools(['suricata'])('keeps every hostile message inside one rule that Suricata 7 loads with the message intact', () => {
    const rules = HOSTILE.map((text, i) => allowRule(text, i + 1));
    const variables = { ipSets: { GW_GW: ['198.51.100.0/29'], SVC_SVC: ['10.0.0.55/32'] }, portSets: {} };
    const text = rules.map(renderRule).join('\n') + '\n';
    const run = suricataTest(text, variables);
    expect(run.output).toContain(`${HOSTILE.length} rules successfully loaded, 0 rules failed`);
    expect(run.status).toBe(0);
    const analysis = engineAnalysis(text, variables).analysis;
    expect(analysis.map((r) => r.msg)).toEqual(HOSTILE.map(readable));
    expect(analysis.map((r) => r.id)).toEqual(rules.map((r) => r.sid));
  });

  itWithTools(['suricata-update'])('keeps every hostile message parseable by suricata-update, message read back as escaped', () => {
    const rules = HOSTILE.map((text, i) => allowRule(text, i + 1));
    const parsed = suricataUpdateParse(rules.map(renderRule));
    parsed.forEach((p, i) => {
      expect(p, HOSTILE[i]).not.toBeNull();
      expect(p?.sid).toBe(i + 1);
      expect(p?.action).toBe('pass');
      expect(p?.msg).toBe(escapeMessage(HOSTILE[i] ?? ''));
    });
  });
});

describe('ruleVariables', () => {
  it('declares HOME_NET and one IP set per gateway and per service, sorted', () => {
    const model = fixtureModel('multi');
    const variables = ruleVariables(model.firewall);
    expect(Object.keys(variables.ipSets)).toEqual(['GW_EGW_ANALYTICS', 'GW_EGW_LEDGER', 'GW_EGW_REPORTS', 'HOME_NET', 'SVC_LEDGER_DB', 'SVC_REPORTS_API']);
    expect(variables.ipSets.SVC_LEDGER_DB).toEqual(['10.40.1.10/32', '10.40.2.10/32']);
    expect(variables.ipSets.HOME_NET).toEqual(model.firewall.homeNet);
    expect(variables.portSets).toEqual({});
  });

  it('covers every variable the rules use', () => {
    const model = fixtureModel('multi');
    const variables = ruleVariables(model.firewall);
    const used = [...renderRulesString(model.firewall).matchAll(/\$([A-Z0-9_]+)/g)].map((m) => m[1] ?? '');
    for (const name of used) expect(variables.ipSets[name], name).toBeDefined();
  });
});

describe('variable names', () => {
  it('map DNS labels to AWS variable names', () => {
    expect(gatewayVariable('egw-database')).toBe('GW_EGW_DATABASE');
    expect(serviceVariable('reports-api')).toBe('SVC_REPORTS_API');
  });

  it('stay within 32 characters and distinct for long names that share a prefix', () => {
    const long = 'a'.repeat(40);
    const names = [gatewayVariable(`${long}-one`), gatewayVariable(`${long}-two`), serviceVariable('x'.repeat(63))];
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(MAX_VARIABLE_NAME_LENGTH);
      expect(name).toMatch(VARIABLE_NAME);
    }
    expect(names[0]).not.toBe(names[1]);
  });
});

describe('statefulDefaultActions', () => {
  it('maps the spec default action to the policy stateful default actions', () => {
    expect(statefulDefaultActions({ defaultAction: 'pass' })).toEqual([]);
    expect(statefulDefaultActions({ defaultAction: 'drop' })).toEqual(['aws:drop_strict']);
    expect(statefulDefaultActions({ defaultAction: 'alert' })).toEqual(['aws:alert_established']);
  });
});
