// egressc check: drift detection (edited, deleted, added files, modes, stale lock), text and github output.
import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { itWithTools } from '../support/real-tools.js';
import { editSpec, egressc, workspace } from './cli-support.js';

const check = (dir: string, extra: string[] = []): ReturnType<typeof egressc> => egressc(['check', 'topology.yaml', '--out', 'out', ...extra], dir);

function built(): string {
  const dir = workspace('seed');
  const run = egressc(['build', 'topology.yaml', '--out', 'out'], dir);
  if (run.status !== 0) throw new Error(run.stderr);
  return dir;
}

describe('egressc check', () => {
  const reportPath = 'REPORT.md';

  it('passes right after a build', () => {
    const dir = built();
    const run = check(dir);
    expect(run.stdout).toContain('out is up to date');
    expect(run.status).toBe(0);
  });

  itWithTools(['git'])('passes on a fresh Git clone of the committed spec, lock and output', () => {
    const dir = built();
    const git = (args: string[], cwd: string): void => {
      const result = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
      if (result.status !== 0) throw new Error(result.stderr);
    };
    git(['init', '-q'], dir);
    git(['add', '-A'], dir);
    git(['commit', '-q', '-m', 'build'], dir);
    const clone = mkdtempSync(join(tmpdir(), 'egressc-clone-'));
    try {
      git(['clone', '-q', dir, 'repo'], clone);
      const run = check(join(clone, 'repo'));
      expect(run.stdout + run.stderr).toContain('out is up to date');
      expect(run.status).toBe(0);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });

  it('fails on an edited output file', () => {
    const dir = built();
    appendFileSync(join(dir, 'out', reportPath), 'hand edit\n');
    const run = check(dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`changed  out/${reportPath}`);
  });

  it('fails on a deleted output file', () => {
    const dir = built();
    rmSync(join(dir, 'out', reportPath));
    rmSync(join(dir, 'out', 'manifest.json'));
    const run = check(dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`missing  out/${reportPath}`);
    expect(run.stdout).toContain('missing  out/manifest.json');
  });

  it('fails on a foreign file', () => {
    const dir = built();
    writeFileSync(join(dir, 'out', 'notes.txt'), 'x\n');
    const run = check(dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('extra    out/notes.txt (egressc did not write it and never deletes it; remove it from the output directory)');
  });

  it('notes a changed mode, and fails on it with --strict-modes (Git does not record modes)', () => {
    const dir = built();
    chmodSync(join(dir, 'out', reportPath), 0o600);
    const lenient = check(dir);
    expect(lenient.status).toBe(0);
    expect(lenient.stderr).toContain(`note: mode of out/${reportPath} is 0600, build writes 0644`);
    const strict = check(dir, ['--strict-modes']);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toContain(`mode     out/${reportPath} (is 0600, build writes 0644)`);
  });

  it('fails when the spec changed since the build, naming the stale lock', () => {
    const dir = built();
    editSpec(dir, (doc) => doc.deleteIn(['spec', 'clusters', 0, 'peeringNodes', 1]));
    const run = check(dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('stale    seed.lock.yaml');
    expect(run.stdout).toMatch(/extra    out\/netplan\/demo\/worker-2\.yaml \(an earlier build wrote it; build would prune it\)/);
    expect(run.stdout).toContain('changed  out/REPORT.md');
  });

  it('fails when the output directory is missing', () => {
    const dir = workspace('seed');
    const run = check(dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('missing  out (the output directory does not exist)');
  });

  it('writes GitHub annotations with --format github', () => {
    const dir = built();
    writeFileSync(join(dir, 'out', 'a,b:c.txt'), 'x\n');
    appendFileSync(join(dir, 'out', reportPath), '\n');
    const run = check(dir, ['--format', 'github']);
    expect(run.status).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toContain(`::error file=out/${reportPath},title=egressc check%3A changed::out/${reportPath}: differs from what build would write; run "egressc build topology.yaml --out out" and commit the result`);
    expect(lines.some((l) => l.startsWith('::error file=out/a%2Cb%3Ac.txt,'))).toBe(true);
    expect(readFileSync(join(dir, 'out', reportPath), 'utf8').endsWith('\n\n')).toBe(true);
  });
});
