// Tests that cannot pass by accident: golden and lock updates are refused under CI (the whole run stops),
// and the CLI tests refuse a dist/ older than its sources.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { goldenUpdateRefusal } from '../support/ci.js';
import { REPO_ROOT } from '../support/fixtures.js';
import { staleBuild } from '../support/fresh-build.js';

describe('golden updates', () => {
  it('are refused under CI and allowed elsewhere', () => {
    expect(goldenUpdateRefusal({ CI: 'true', EGRESSC_UPDATE_GOLDEN: '1' })).toMatch(/never in CI/);
    expect(goldenUpdateRefusal({ CI: '1', EGRESSC_UPDATE_GOLDEN: 'yes' })).toMatch(/never in CI/);
    expect(goldenUpdateRefusal({ CI: 'true' })).toBeUndefined();
    expect(goldenUpdateRefusal({ EGRESSC_UPDATE_GOLDEN: '1' })).toBeUndefined();
  });

  it('stop a vitest run under CI before any test file runs', () => {
    const run = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'test/version.test.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, CI: 'true', EGRESSC_UPDATE_GOLDEN: '1' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status).not.toBe(0);
    expect(`${run.stdout}${run.stderr}`).toMatch(/EGRESSC_UPDATE_GOLDEN is set under CI/);
  }, 150_000);
});

describe('the stale-build guard', () => {
  const root = mkdtempSync(join(tmpdir(), 'egressc-build-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (path: string, seconds: number): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), '');
    utimesSync(join(root, path), seconds, seconds);
  };

  it('accepts a dist/ newer than every source and template, refuses a missing or older one', () => {
    expect(staleBuild(root)).toBe('dist/ is missing or empty');
    write('src/cli/main.ts', 1_000);
    write('templates/bird/peers.hbs', 2_000);
    write('dist/cli/main.js', 3_000);
    write('dist/bundle/main.cjs', 3_500);
    expect(staleBuild(root)).toBeUndefined();
    write('src/emit/terraform/index.ts', 3_200);
    expect(staleBuild(root)).toBe('src/emit/terraform/index.ts is newer than dist/cli/main.js');
    write('src/emit/terraform/index.ts', 1_000);
    write('templates/bird/peers.hbs', 4_000);
    expect(staleBuild(root)).toBe('templates/bird/peers.hbs is newer than dist/cli/main.js');
  });

  it('finds this checkout built (npm test builds first)', () => {
    expect(staleBuild()).toBeUndefined();
  });
});
