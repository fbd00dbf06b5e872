// docs/allocation.md must stay true: its lock example is an excerpt of the seed's lock, and it names
// every diagnostic code of the allocation stage (the capacity check before it and the report of what it
// changed after it; the allocator itself reports nothing).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLock } from '../../src/allocate/lock.js';
import { docSection } from '../support/docs.js';
import { FIXTURES, REPO_ROOT } from '../support/fixtures.js';

const section = docSection('allocation', 'allocation');

describe('docs/allocation.md', () => {
  it('shows a lock example that is an excerpt of the seed lock', () => {
    const example = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(example).toBeDefined();
    const withoutNotes = example!.replace(/ +# [^\n]*$/gm, '');
    const parsed = parseLock({ path: 'docs/allocation.md', text: withoutNotes });
    expect(parsed.diagnostics).toEqual([]);
    const seed = parseLock({ path: 'seed.lock.yaml', text: readFileSync(join(FIXTURES, 'seed/seed.lock.yaml'), 'utf8') }).lock!;
    for (const [owner, peer] of Object.entries(parsed.lock!.connectPeers)) expect(peer).toEqual(seed.connectPeers[owner]);
    for (const [key, rule] of Object.entries(parsed.lock!.firewall.rules)) expect(rule).toEqual(seed.firewall.rules[key]);
    expect(parsed.lock!.firewall.ruleGroupCapacity).toBe(seed.firewall.ruleGroupCapacity);
    // the header is the real one
    const seedText = readFileSync(join(FIXTURES, 'seed/seed.lock.yaml'), 'utf8');
    expect(seedText.startsWith(withoutNotes.split('connectPeers:')[0]!)).toBe(true);
  });

  it('names every diagnostic code of the allocation stage', () => {
    const source = ['src/check/capacity.ts', 'src/check/allocation-changes.ts'].map((f) => readFileSync(join(REPO_ROOT, f), 'utf8')).join('\n');
    // the allocator reports nothing (the lock schema's lock-invalid is the lock's parse, not allocation)
    const allocator = readdirSync(join(REPO_ROOT, 'src/allocate')).filter((f) => f !== 'lock.ts');
    expect(allocator.map((f) => readFileSync(join(REPO_ROOT, 'src/allocate', f), 'utf8')).join('\n')).not.toMatch(/code: '/);
    const codes = new Set([
      ...[...source.matchAll(/specDiagnostic\(\s*where,\s*'(?:error|warning|info)',\s*'([a-z-]+)'/g)].map((m) => m[1]!),
      ...[...source.matchAll(/code: '([a-z-]+)'/g)].map((m) => m[1]!),
    ]);
    expect(codes.size).toBeGreaterThanOrEqual(5);
    const missing = [...codes].filter((code) => !section.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });
});
