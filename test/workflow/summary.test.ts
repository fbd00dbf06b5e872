// The change summary from two inventories: keyed additions, removals, replacements and moves.
import { describe, expect, it } from 'vitest';
import type { FirewallRuleRecord, Inventory } from '../../src/diff/inventory.js';
import { renderSummary, summarizeChange, summaryIsEmpty } from '../../src/diff/summary.js';

const noTerraform = { created: [], destroyed: [], replaced: [], updated: [] };
const SIDS: Record<string, number> = { a: 1000001, b: 1000002, new: 1000003 };
const rule = (key: string, position: number, ports = '5432'): FirewallRuleRecord => ({
  key, sid: SIDS[key] ?? 0, rev: 1, position, action: 'pass', protocol: 'tcp', sources: '198.51.100.0/29', destinations: '10.0.0.55/32', ports,
});
const inventory = (rules: FirewallRuleRecord[], capacity = 100, reachability: Inventory['reachability'] = []): Inventory => ({
  transitGateway: { name: 'central', amazonSideAsn: 64512 },
  ruleGroup: { name: 'g', capacity },
  connectPeers: [{ key: 'demo/w1', attachment: 'demo-connect-1', insideCidr: '169.254.8.8/29', peerAddress: '172.31.10.10', tgwGreAddress: '192.0.2.1', bgpAsn: 64600 }],
  bgpSessions: [],
  egressPools: [{ key: 'demo/egw', cidr: '198.51.100.0/29' }],
  firewallRules: rules,
  reachability,
});

describe('summarizeChange', () => {
  it('is empty for equal inventories', () => {
    const same = summarizeChange(inventory([rule('a', 1)]), inventory([rule('a', 1)]), noTerraform);
    expect(summaryIsEmpty(same)).toBe(true);
    expect(renderSummary(same)).toContain('Nothing changes');
  });

  it('tells moved rules from changed ones, and flags a capacity change as a replacement', () => {
    const before = inventory([rule('a', 1), rule('b', 2)]);
    const after = inventory([rule('new', 1), rule('a', 2), rule('b', 3, '5432,5433')], 200);
    const text = renderSummary(summarizeChange(before, after, noTerraform));
    expect(text).toContain('- added: `new`');
    expect(text).toContain('- moved: `a` (position 1 → 2)');
    expect(text).toContain('- changed: `b` (position 2 → 3, ports 5432 → 5432,5433)');
    expect(text).toContain('**REPLACED** firewall rule group will be replaced: capacity 100 → 200');
    expect(text.indexOf('REPLACED')).toBeLessThan(text.indexOf('### Firewall rules'));
  });

  it('treats a first build (no previous inventory) as all added, without replacements', () => {
    const text = renderSummary(summarizeChange(undefined, inventory([rule('a', 1)]), noTerraform));
    expect(text).toContain('- added: `demo/w1`');
    expect(text).toContain('- added: `demo/egw`');
    expect(text).not.toContain('REPLACED');
  });

  it('flags a new Connect peer that gets a value or an attachment slot a peer destroyed in the same apply frees', () => {
    const peer = (key: string, insideCidr: string, tgwGreAddress: string, attachment = 'demo-connect-1') => ({ key, attachment, insideCidr, peerAddress: '172.31.10.10', tgwGreAddress, bgpAsn: 64600 });
    const full = ['a', 'b', 'c', 'd'].map((k, i) => peer(`demo/${k}`, `169.254.8.${8 * i}/29`, `192.0.2.${i + 1}`));
    const before = { ...inventory([]), connectPeers: full };
    // d is replaced by e on the same /29 and attachment, with a fresh GRE address
    const after = { ...inventory([]), connectPeers: [...full.slice(0, 3), peer('demo/e', '169.254.8.24/29', '192.0.2.9')] };
    const summary = summarizeChange(before, after, noTerraform);
    expect(summary.reusedInOneApply).toEqual([
      { key: 'demo/e', field: 'insideCidr', value: '169.254.8.24/29', from: ['demo/d'] },
      { key: 'demo/e', field: 'attachment', value: 'demo-connect-1', from: ['demo/d'] },
    ]);
    const text = renderSummary(summary);
    expect(text).toContain('- **REUSED** `demo/e` gets inside CIDR `169.254.8.24/29` of `demo/d`');
    expect(text).toContain('- **REUSED** `demo/e` gets a slot of Connect attachment `demo-connect-1` of `demo/d`');
    // fresh values on a new attachment: nothing to flag
    const fresh = { ...inventory([]), connectPeers: [...full.slice(0, 3), peer('demo/e', '169.254.8.32/29', '192.0.2.9', 'demo-connect-2')] };
    expect(summarizeChange(before, fresh, noTerraform).reusedInOneApply).toEqual([]);
    expect(renderSummary(summarizeChange(before, fresh, noTerraform))).not.toContain('REUSED');
  });

  it('reports flows whose verdict a change gives, alters or takes away', () => {
    const flow = (key: string, verdict: string) => ({ key, verdict });
    const before = inventory([rule('a', 1)], 100, [flow('ns/app → service/database:5432/tcp', 'allowed'), flow('node/w1 → service/database:5432/tcp', 'dropped by sid 1000002'), flow('ns/old → service/database:5432/tcp', 'allowed')]);
    const after = inventory([rule('a', 1)], 100, [
      flow('ns/app → service/database:5432/tcp', 'allowed'),
      flow('node/w1 → service/database:5432/tcp', 'allowed'),
      flow('ns/app → service/ledger:443/tcp', 'allowed'),
    ]);
    const summary = summarizeChange(before, after, noTerraform);
    expect(summary.reachability).toEqual([
      { key: 'node/w1 → service/database:5432/tcp', before: 'dropped by sid 1000002', after: 'allowed' },
      { key: 'ns/app → service/ledger:443/tcp', after: 'allowed' },
      { key: 'ns/old → service/database:5432/tcp', before: 'allowed' },
    ]);
    const text = renderSummary(summary);
    expect(text).toContain('- NEW: ns/app → service/ledger:443/tcp allowed');
    expect(text).toContain('- CHANGED: node/w1 → service/database:5432/tcp: dropped by sid 1000002 → allowed');
    expect(text).toContain('- GONE: ns/old → service/database:5432/tcp (was allowed)');
    expect(text).not.toContain('ns/app → service/database:5432/tcp');
  });

  it('says nothing about reachability when the previous build recorded none', () => {
    const { reachability: _unused, ...older } = inventory([rule('a', 1)]);
    const summary = summarizeChange(older, inventory([rule('a', 1)], 100, [{ key: 'ns/app → service/database:5432/tcp', verdict: 'allowed' }]), noTerraform);
    expect(summary.reachability).toBeUndefined();
    expect(summaryIsEmpty(summary)).toBe(true);
  });
});
