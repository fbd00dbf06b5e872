import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRulesText } from '../../src/render/firewall/parse-rule.js';
import { checkPolicy, type PolicyInput } from '../../src/check/firewall/policy.js';
import type { RuleVariables } from '../../src/render/firewall/rules-text.js';
import { compileFixture, FIXTURES } from '../support/fixtures.js';

const VARIABLES: RuleVariables = {
  ipSets: { HOME_NET: ['10.0.0.0/8', '198.51.100.0/24'], GW_A: ['198.51.100.0/29'], GW_B: ['198.51.100.8/29'], SVC: ['10.0.0.55/32', '10.0.1.55/32'] },
  portSets: {},
};
const ALLOW = 'pass tcp $GW_A any -> $SVC 5432 (msg:"allow"; flow:to_server; sid:1; rev:1;)';
const PROTECT = 'drop ip any any -> $SVC any (msg:"protect"; flow:to_server; sid:9; rev:1;)';

function check(lines: readonly string[], overrides: Partial<PolicyInput> = {}) {
  const { rules, errors } = parseRulesText(lines.join('\n'));
  expect(errors).toEqual([]);
  return checkPolicy({
    rules,
    variables: VARIABLES,
    gatewayPools: [
      { name: 'a', cidr: '198.51.100.0/29' },
      { name: 'b', cidr: '198.51.100.8/29' },
    ],
    services: [
      { name: 'svc', addresses: ['10.0.0.55', '10.0.1.55'] },
      { name: 'other', addresses: ['10.9.9.9'] },
    ],
    protectedServices: ['svc'],
    ...overrides,
  });
}
const codes = (lines: readonly string[], overrides: Partial<PolicyInput> = {}): string[] => check(lines, overrides).map((d) => d.code);

describe('policy check', () => {
  it('accepts allow-then-protect', () => {
    expect(check([ALLOW, 'pass udp $GW_B any -> $SVC [53,8125] (msg:"b"; flow:to_server; sid:2; rev:1;)', PROTECT])).toEqual([]);
  });

  describe('shadowed rules', () => {
    it('finds a rule repeated by a later one (two allow entries for the same gateway and service)', () => {
      const result = check([ALLOW, ALLOW.replace('sid:1', 'sid:2'), PROTECT]);
      expect(result.map((d) => d.code)).toEqual(['firewall-rule-shadowed']);
      expect(result[0]?.message).toContain('rule at line 2 (sid 2)');
      expect(result[0]?.message).toContain('earlier rule at line 1 (sid 1)');
    });

    it('finds a rule inside a broader earlier one: port range, pool, protocol ip', () => {
      expect(codes(['pass tcp $GW_A any -> $SVC 5000:6000 (msg:"w"; flow:to_server; sid:1; rev:1;)', ALLOW.replace('sid:1', 'sid:2'), PROTECT])).toEqual(['firewall-rule-shadowed']);
      expect(codes(['pass tcp [198.51.100.0/28] any -> $SVC 5432 (msg:"w"; flow:to_server; sid:1; rev:1;)', ALLOW.replace('sid:1', 'sid:2'), PROTECT])).toEqual(['firewall-rule-shadowed']);
      // a drop before the allow: the allow never passes anything
      expect(codes([PROTECT, ALLOW])).toEqual(['firewall-rule-shadowed']);
    });

    it('does not count partial overlaps, narrower earlier rules, alerts or other directions', () => {
      const second = ALLOW.replace('sid:1', 'sid:2');
      expect(codes(['pass tcp $GW_A any -> 10.0.0.55 5432 (msg:"one address"; flow:to_server; sid:3; rev:1;)', second, PROTECT])).toEqual([]);
      expect(codes(['pass tcp $GW_A any -> $SVC 5432 (msg:"content"; flow:to_server; content:"x"; sid:3; rev:1;)', second, PROTECT])).toEqual([]);
      expect(codes(['alert tcp $GW_A any -> $SVC 5432 (msg:"alert"; flow:to_server; sid:3; rev:1;)', second, PROTECT])).toEqual([]);
      expect(codes(['pass tcp $GW_A any -> $SVC 5432 (msg:"to client"; flow:to_client; sid:3; rev:1;)', second, PROTECT])).toEqual([]);
      expect(codes(['pass tcp !$GW_B any -> $SVC 5432 (msg:"negated"; flow:to_server; sid:3; rev:1;)', second, PROTECT])).toContain('firewall-allow-source-not-gateway');
    });

    it.each(['10.0.0.55', '10.0.0.0/25', '10.0.0.0/16', '10.0.0.0/8', 'any'])('finds a rule shadowed by an earlier one to %s (every index bucket)', (destination) => {
      const earlier = `pass tcp $GW_A any -> [${destination === 'any' ? '0.0.0.0/0' : destination},10.0.1.55] 5432 (msg:"w"; flow:to_server; sid:3; rev:1;)`;
      const later = 'pass tcp $GW_A any -> [10.0.0.55,10.0.1.55] 5432 (msg:"later"; flow:to_server; sid:4; rev:1;)';
      expect(codes([earlier, later, PROTECT])).toEqual(['firewall-rule-shadowed']);
      // without 10.0.1.55 listed, only the destinations that still contain it shadow the later rule
      expect(codes([earlier.replace(',10.0.1.55', ''), later, PROTECT])).toEqual(['10.0.0.0/16', '10.0.0.0/8', 'any'].includes(destination) ? ['firewall-rule-shadowed'] : []);
    });

    it('counts an earlier rule without flow as covering a later one with flow', () => {
      expect(codes(['pass tcp $GW_A any -> $SVC 5432 (msg:"no flow"; sid:3; rev:1;)', ALLOW, PROTECT])).toEqual(['firewall-rule-shadowed']);
    });
  });

  describe('allow sources', () => {
    it.each([
      ['any', 'any'],
      ['$HOME_NET', '$HOME_NET'],
      ['an address outside every pool', '192.0.2.1'],
      ['a range only partly inside a pool', '198.51.100.0/27'],
      ['a negation it cannot verify', '!198.51.100.0/29'],
    ])('refuses a pass rule from %s', (_what, source) => {
      expect(codes([`pass tcp ${source} any -> $SVC 5432 (msg:"x"; flow:to_server; sid:1; rev:1;)`, PROTECT])).toEqual(['firewall-allow-source-not-gateway']);
    });

    it('accepts sources inside the pools, across two pools', () => {
      expect(codes(['pass tcp [198.51.100.1,$GW_B] any -> $SVC 5432 (msg:"x"; flow:to_server; sid:1; rev:1;)', PROTECT])).toEqual([]);
    });

    it('does not apply to drop rules', () => {
      expect(codes([ALLOW, PROTECT, 'drop tcp any any -> 10.9.9.9 any (msg:"x"; flow:to_server; sid:5; rev:1;)'])).toEqual([]);
    });
  });

  describe('protected services', () => {
    it.each([
      ['no drop rule', [ALLOW]],
      ['a drop for tcp only', [ALLOW, PROTECT.replace('drop ip', 'drop tcp')]],
      ['a drop from HOME_NET only', [ALLOW, PROTECT.replace('any any ->', '$HOME_NET any ->')]],
      ['a drop for one of its two addresses', [ALLOW, PROTECT.replace('$SVC', '10.0.0.55')]],
      ['a drop for one port', [ALLOW, PROTECT.replace('$SVC any', '$SVC 5432')]],
      ['an alert instead of a drop', [ALLOW, PROTECT.replace('drop', 'alert')]],
      ['a drop narrowed by content', [ALLOW, PROTECT.replace('flow:to_server;', 'flow:to_server; content:"x";')]],
    ])('refuses %s', (_what, lines) => {
      expect(codes(lines)).toEqual(['firewall-service-unprotected']);
    });

    it('refuses a protected service it does not know', () => {
      const result = check([ALLOW, PROTECT], { protectedServices: ['svc', 'ghost'] });
      expect(result.map((d) => d.code)).toEqual(['firewall-service-unprotected']);
      expect(result[0]?.message).toContain('"ghost"');
    });

    it('accepts a reject and a drop covering more addresses', () => {
      expect(codes([ALLOW, PROTECT.replace('drop', 'reject')])).toEqual([]);
      expect(codes([ALLOW, PROTECT.replace('$SVC', '10.0.0.0/16')])).toEqual([]);
    });

    it('warns when no allow rule reaches a protected service', () => {
      const result = check([PROTECT]);
      expect(result.map((d) => [d.code, d.severity])).toEqual([['firewall-service-unreached', 'warning']]);
    });
  });
});

describe('policy findings point at the spec entry that names the service', () => {
  // the model lists protected services by name; the spec may list them in any order
  it('firewall-service-unreached at its firewall.protect entry, whatever the order', () => {
    const multi = readFileSync(join(FIXTURES, 'multi/topology.yaml'), 'utf8');
    const edited = multi
      .replace('protect: [ledger-db, reports-api]', 'protect: [reports-api, ledger-db]')
      .replace('from: [egw-reports, egw-analytics]\n        to: [reports-api]', 'from: [egw-reports, egw-analytics]\n        to: [ledger-db]');
    expect(edited).not.toBe(multi);
    const compiled = compileFixture('multi/topology.yaml', { useLock: true, specText: edited });
    const unreached = compiled.diagnostics.filter((d) => d.code === 'firewall-service-unreached');
    expect(unreached.map((d) => [d.path, d.message.includes('"reports-api"')])).toEqual([[['spec', 'firewall', 'protect', 0], true]]);
  });
});
