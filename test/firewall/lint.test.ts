import { describe, expect, it } from 'vitest';
import { lintRules, MAX_RULE_CHARACTERS, MAX_RULES_STRING_BYTES, type LintInput } from '../../src/check/firewall/lint.js';
import type { RuleVariables } from '../../src/render/firewall/rules-text.js';
import { itWithTools } from '../support/real-tools.js';
import { suricataTest, suricataUpdateParse } from './suricata.js';

const VARIABLES: RuleVariables = { ipSets: { HOME_NET: ['10.0.0.0/8'], GW: ['198.51.100.0/29'], SVC: ['10.0.0.55/32'] }, portSets: { DB_PORTS: ['5432'] } };

const rule = (options: string, header = 'pass tcp $GW any -> $SVC 5432'): string => `${header} (${options})`;
const GOOD = rule('msg:"ok"; flow:to_server; sid:1; rev:1;');

function lint(lines: readonly string[], overrides: Partial<LintInput> = {}) {
  return lintRules({ rulesText: lines.join('\n') + '\n', variables: VARIABLES, ruleOrder: 'STRICT_ORDER', capacity: 100, ...overrides });
}
const codes = (lines: readonly string[], overrides: Partial<LintInput> = {}): string[] => lint(lines, overrides).diagnostics.map((d) => d.code);

describe('AWS lint', () => {
  it('accepts a well-formed rule group, comments and blank lines included', () => {
    expect(codes(['# header', '', GOOD, rule('msg:"x"; flow:to_server; sid:2; rev:1;', 'drop ip any any -> $SVC any')])).toEqual([]);
  });

  it.each([
    ['dataset', 'dataset:isset,bad,type string,load bad.lst;'],
    ['datarep', 'datarep:bad,>,10,type string,load bad.csv;'],
    ['iprep', 'iprep:src,BadHosts,>,50;'],
    ['lua', 'lua:check.lua;'],
    ['luajit', 'luajit:check.lua;'],
    ['filestore', 'filestore;'],
    ['filemagic', 'filemagic:"PDF";'],
    ['filename', 'filename:"a.exe";'],
    ['fileext', 'fileext:"exe";'],
    ['filesize', 'filesize:>100;'],
    ['filemd5', 'filemd5:md5.list;'],
    ['filesha1', 'filesha1:sha1.list;'],
    ['filesha256', 'filesha256:sha256.list;'],
    ['ftpdata_command', 'ftpdata_command:stor;'],
    ['enip_command', 'enip_command:99;'],
    ['cip_service', 'cip_service:75;'],
    ['threshold', 'threshold:type limit, track by_src, count 1, seconds 60;'],
    ['detection_filter', 'detection_filter:track by_src, count 10, seconds 60;'],
    ['xbits track ip_pair', 'xbits:set,seen,track ip_pair;'],
    ['hostbits', 'hostbits:set,seen;'],
    ['tag:host', 'tag:host,600,seconds,src;'],
  ])('refuses %s', (_name, option) => {
    const result = lint([rule(`msg:"x"; flow:to_server; ${option} sid:1; rev:1;`)]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['firewall-forbidden-keyword']);
    expect(result.diagnostics[0]?.message).toMatch(/AWS Network Firewall refuses it/);
    expect(result.diagnostics[0]?.hint).toBeTruthy();
  });

  it('allows xbits tracked per flow and tag:session', () => {
    expect(codes([rule('msg:"x"; flow:to_server; xbits:set,seen,track flow; tag:session,10,packets; sid:1; rev:1;')])).toEqual([]);
  });

  it.each(['sctp', 'enip', 'ftp-data', 'ikev2'])('refuses the protocol %s', (protocol) => {
    expect(codes([rule('msg:"x"; flow:to_server; sid:1; rev:1;', `pass ${protocol} any any -> $SVC any`)])).toEqual(['firewall-forbidden-keyword']);
  });

  it.each(['rejectsrc', 'rejectboth', 'config', 'log', 'Pass'])('refuses the action %s', (action) => {
    expect(codes([rule('msg:"x"; flow:to_server; sid:1; rev:1;', `${action} tcp $GW any -> $SVC 5432`)])).toEqual(['firewall-forbidden-action']);
  });

  it.each(['pass', 'drop', 'reject', 'alert'])('allows the action %s', (action) => {
    expect(codes([rule('msg:"x"; flow:to_server; sid:1; rev:1;', `${action} tcp $GW any -> $SVC 5432`)])).toEqual([]);
  });

  it('refuses priority under STRICT_ORDER only', () => {
    const line = rule('msg:"x"; flow:to_server; priority:1; sid:1; rev:1;');
    expect(codes([line])).toEqual(['firewall-priority-in-strict-order']);
    expect(codes([line], { ruleOrder: 'DEFAULT_ACTION_ORDER' })).toEqual([]);
  });

  it('refuses a rule over 8,192 characters, counting variable values', () => {
    const withMessage = (message: string): string => rule(`msg:"${message}"; flow:to_server; sid:1; rev:1;`);
    const room = MAX_RULE_CHARACTERS - withMessage('').length;
    expect(codes([withMessage('x'.repeat(room + 1))])).toEqual(['firewall-rule-too-long']);
    // exactly at the limit as written, but $GW and $SVC expand to longer values
    const atLimit = withMessage('x'.repeat(room));
    expect(atLimit.length).toBe(MAX_RULE_CHARACTERS);
    expect(codes([atLimit])).toEqual(['firewall-rule-too-long']);
    // values exactly as long as the names ("[1]" for $GW, "[12]" for $SVC): within the limit (but not addresses)
    expect(codes([atLimit], { variables: { ipSets: { GW: ['1'], SVC: ['12'] }, portSets: {} } })).toEqual(['firewall-invalid-variable-value', 'firewall-invalid-variable-value']);
  });

  it('refuses a rules string over 2,000,000 bytes (UTF-8 bytes, not characters)', () => {
    const line = (sid: number): string => rule(`msg:"${'é'.repeat(3000)}"; flow:to_server; sid:${sid}; rev:1;`);
    const count = Math.ceil(MAX_RULES_STRING_BYTES / (line(1).length + 3000));
    const lines = Array.from({ length: count }, (_, i) => line(i + 1));
    expect(lines.join('\n').length).toBeLessThan(MAX_RULES_STRING_BYTES);
    expect(codes(lines, { capacity: count })).toEqual(['firewall-rules-too-large']);
  });

  it('refuses duplicate sids and rules without a usable sid', () => {
    const result = lint([GOOD, rule('msg:"y"; flow:to_server; sid:1; rev:1;'), rule('msg:"z"; flow:to_server; rev:1;'), rule('msg:"w"; flow:to_server; sid:abc; rev:1;')]);
    expect(result.diagnostics.map((d) => d.code).sort()).toEqual(['firewall-duplicate-sid', 'firewall-missing-sid', 'firewall-missing-sid']);
    expect(result.diagnostics.find((d) => d.code === 'firewall-duplicate-sid')?.message).toContain('lines 1 and 2');
  });

  it('refuses a capacity below the rule count', () => {
    const lines = [GOOD, rule('msg:"y"; flow:to_server; sid:2; rev:1;')];
    expect(codes(lines, { capacity: 1 })).toEqual(['firewall-capacity-exceeded']);
    expect(codes(lines, { capacity: 2 })).toEqual([]);
  });

  it('refuses undefined variables, in addresses and ports', () => {
    expect(codes([rule('msg:"x"; flow:to_server; sid:1; rev:1;', 'pass tcp $NOPE any -> [$SVC,!$ALSO_NOPE] $DB_PORTS')])).toEqual([
      'firewall-undefined-variable',
      'firewall-undefined-variable',
    ]);
    expect(codes([rule('msg:"x"; flow:to_server; sid:1; rev:1;', 'pass tcp $GW any -> $SVC $NO_PORTS')])).toEqual(['firewall-undefined-variable']);
    // an IP set used as a port set is undefined for ports
    expect(codes([rule('msg:"x"; flow:to_server; sid:1; rev:1;', 'pass tcp $GW any -> $SVC $GW')])).toEqual(['firewall-undefined-variable']);
  });

  it('refuses invalid variable names and values', () => {
    const variables = { ipSets: { ...VARIABLES.ipSets, '1BAD': ['10.0.0.1'], ['A'.repeat(33)]: ['10.0.0.2'], GOOD_NAME: ['not-an-address'] }, portSets: {} };
    expect(codes([GOOD], { variables })).toEqual(['firewall-invalid-variable-name', 'firewall-invalid-variable-name', 'firewall-invalid-variable-value']);
  });

  it('refuses ip, tcp and udp rules without flow context (IP-only for AWS)', () => {
    for (const protocol of ['ip', 'tcp', 'udp']) {
      expect(codes([rule('msg:"x"; sid:1; rev:1;', `drop ${protocol} any any -> $SVC any`)])).toEqual(['firewall-rule-without-flow']);
    }
    expect(codes([rule('msg:"x"; sid:1; rev:1;', 'drop icmp any any -> $SVC any')])).toEqual([]);
  });

  it.each([
    ['an unbalanced parenthesis', 'pass tcp $GW any -> $SVC 5432 (msg:"x"; flow:to_server; sid:1; rev:1;'],
    ['an extra closing parenthesis', 'pass tcp $GW any -> $SVC 5432 (msg:"x"; flow:to_server; sid:1; rev:1;))'],
    ['an option without ";"', 'pass tcp $GW any -> $SVC 5432 (msg:"x"; flow:to_server; sid:1; rev:1)'],
    ['an unescaped quote in msg', 'pass tcp $GW any -> $SVC 5432 (msg:"a"b"; flow:to_server; sid:1; rev:1;)'],
    ['an unescaped ";" in msg', 'pass tcp $GW any -> $SVC 5432 (msg:"a; sid:9; b"; flow:to_server; sid:1; rev:1;)'],
    ['a missing header field', 'pass tcp $GW any -> $SVC (msg:"x"; flow:to_server; sid:1; rev:1;)'],
    ['a bad direction', 'pass tcp $GW any => $SVC 5432 (msg:"x"; flow:to_server; sid:1; rev:1;)'],
    ['an unbalanced bracket', 'pass tcp [$GW any -> $SVC 5432 (msg:"x"; flow:to_server; sid:1; rev:1;)'],
  ])('reports %s as a syntax error', (_what, line) => {
    expect(codes([line])).toContain('firewall-rule-syntax');
  });

  itWithTools(['suricata', 'suricata-update'])('agrees with suricata-update on the structural errors Suricata itself accepts', () => {
    const unbalanced = 'pass tcp $GW any -> $SVC 5432 (msg:"x"; flow:to_server; sid:1; rev:1;';
    expect(suricataTest(unbalanced + '\n', VARIABLES).status).toBe(0);
    expect(suricataUpdateParse([unbalanced])).toEqual([null]);
    expect(codes([unbalanced])).toEqual(['firewall-rule-syntax']);
  });

  itWithTools(['suricata'])('passes only rules Suricata 7 loads, for the rules it accepts', () => {
    const accepted = [GOOD, rule('msg:"x"; flow:to_server; sid:2; rev:1;', 'drop ip any any -> $SVC any'), rule('msg:"y"; flow:to_server; sid:3; rev:1;', 'pass udp $GW any -> $SVC $DB_PORTS')];
    expect(codes(accepted)).toEqual([]);
    const run = suricataTest(accepted.join('\n') + '\n', VARIABLES);
    expect(run.output).toContain('3 rules successfully loaded, 0 rules failed');
  });
});
