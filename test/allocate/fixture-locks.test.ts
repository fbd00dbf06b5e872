// The committed lock files of the fixtures are exactly what the allocator produces from them, so a
// build with --frozen-lock passes on them. EGRESSC_UPDATE_GOLDEN=1 (npm run golden:update) rewrites them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { describe, expect, it } from 'vitest';
import { parseLock } from '../../src/allocate/lock.js';
import { compileFixture, FIXTURES } from '../support/fixtures.js';
import { updatingGolden } from '../support/golden.js';

const fixtures = [
  { dir: 'seed', lock: 'seed.lock.yaml' },
  { dir: 'multi', lock: 'multi.lock.yaml' },
];


/** errors, and the warnings of the allocation stage (moves, reuse, capacity changes); the path checks' warnings are not the lock's business */
const allocationFinding = (d: Diagnostic): boolean => d.severity === 'error' || /^(allocation|capacity)-/.test(d.code);

describe.each(fixtures)('fixture $dir', ({ dir, lock }) => {
  const lockPath = join(FIXTURES, dir, lock);

  it('has a committed lock that the allocator reproduces byte for byte', () => {
    const fresh = compileFixture(`${dir}/topology.yaml`);
    expect(fresh.diagnostics.filter(allocationFinding)).toEqual([]);
    if (updatingGolden()) writeFileSync(lockPath, fresh.lockText!);
    expect(existsSync(lockPath), `${lockPath} is missing (npm run golden:update writes it)`).toBe(true);
    const committed = readFileSync(lockPath, 'utf8');
    expect(fresh.lockText, `${lock} differs from a fresh allocation`).toBe(committed);

    const again = compileFixture(`${dir}/topology.yaml`, { useLock: true });
    expect(again.diagnostics.filter(allocationFinding)).toEqual([]);
    expect(again.lockText).toBe(committed);
  });

  it('has a lock that parses without diagnostics', () => {
    const parsed = parseLock({ path: lock, text: readFileSync(lockPath, 'utf8') });
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.lock).toBeDefined();
  });
});
