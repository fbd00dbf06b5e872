// The atomic writer on its own: a failing stage leaves DIR and its parent as they were; an interrupted
// swap is recovered; single files are replaced atomically.
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Artifact } from '../../src/emit/types.js';
import { recoverInterruptedSwap, stageTree, writeFileAtomically } from '../../src/write/atomic.js';
import { buildManifest, manifestArtifact } from '../../src/write/manifest.js';
import { writeOutput } from '../../src/write/write-output.js';

let root = '';
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'egressc-atomic-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('stageTree', () => {
  it('writes nothing into DIR and leaves no staging directory when a file cannot be written', () => {
    const dir = join(root, 'out');
    mkdirSync(dir);
    writeFileSync(join(dir, 'old.txt'), 'old\n');
    // "a" as a file and as a directory: the second write fails half-way through staging
    expect(() => stageTree(dir, [{ path: 'a', content: 'x', mode: 0o644 }, { path: 'a/b', content: 'y', mode: 0o644 }], [])).toThrow();
    expect(readdirSync(root)).toEqual(['out']);
    expect(readdirSync(dir)).toEqual(['old.txt']);
  });

  it('swaps the whole tree, carrying kept files over, and abort leaves DIR alone', () => {
    const dir = join(root, 'out');
    mkdirSync(dir);
    writeFileSync(join(dir, 'old.txt'), 'old\n');
    writeFileSync(join(dir, 'keep.txt'), 'mine\n');
    const aborted = stageTree(dir, [{ path: 'new/x.txt', content: 'x\n', mode: 0o600 }], ['keep.txt']);
    aborted.abort();
    expect(readdirSync(root)).toEqual(['out']);
    expect(readdirSync(dir).sort()).toEqual(['keep.txt', 'old.txt']);
    stageTree(dir, [{ path: 'new/x.txt', content: 'x\n', mode: 0o600 }], ['keep.txt']).commit();
    expect(readdirSync(root)).toEqual(['out']);
    expect(readdirSync(dir).sort()).toEqual(['keep.txt', 'new']);
    expect(readFileSync(join(dir, 'new/x.txt'), 'utf8')).toBe('x\n');
    expect(statSync(join(dir, 'new/x.txt')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'new')).mode & 0o777).toBe(0o755);
    expect(readFileSync(join(dir, 'keep.txt'), 'utf8')).toBe('mine\n');
  });

  it('swaps the directory a symlinked DIR points to, keeping the symlink', () => {
    mkdirSync(join(root, 'real'));
    writeFileSync(join(root, 'real', 'old.txt'), 'old\n');
    symlinkSync('real', join(root, 'out'));
    stageTree(join(root, 'out'), [{ path: 'x.txt', content: 'x\n', mode: 0o644 }], []).commit();
    expect(lstatSync(join(root, 'out')).isSymbolicLink()).toBe(true);
    expect(readdirSync(join(root, 'real'))).toEqual(['x.txt']);
    expect(readdirSync(root).sort()).toEqual(['out', 'real']);
  });
});

describe('recoverInterruptedSwap', () => {
  it('restores DIR from the backup a crash between the two renames leaves', () => {
    const dir = join(root, 'out');
    mkdirSync(join(root, 'out.old-abc123'));
    writeFileSync(join(root, 'out.old-abc123', 'f'), 'previous\n');
    expect(recoverInterruptedSwap(dir).restored).toBe(join(root, 'out.old-abc123'));
    expect(readFileSync(join(dir, 'f'), 'utf8')).toBe('previous\n');
    expect(recoverInterruptedSwap(dir)).toEqual({});
  });

  it('refuses to guess between several backups', () => {
    mkdirSync(join(root, 'out.old-a'));
    mkdirSync(join(root, 'out.old-b'));
    expect(recoverInterruptedSwap(join(root, 'out')).error).toContain('several interrupted builds');
    expect(existsSync(join(root, 'out'))).toBe(false);
  });
});

describe('writeFileAtomically', () => {
  it('replaces a file and leaves no temporary behind', () => {
    const path = join(root, 'x.lock.yaml');
    writeFileSync(path, 'old\n');
    writeFileAtomically(path, 'new\n');
    expect(readFileSync(path, 'utf8')).toBe('new\n');
    expect(readdirSync(root)).toEqual(['x.lock.yaml']);
    renameSync(path, join(root, 'moved'));
  });
});

describe('writeOutput', () => {
  it('leaves DIR as it was when the step before the swap (the lock write) fails', () => {
    const dir = join(root, 'out');
    const first = writeOutput(dir, [{ path: 'a.txt', content: 'a\n', mode: 0o644 }, manifestFor(['a.txt'])]);
    expect(first.kind).toBe('written');
    const result = writeOutput(dir, [{ path: 'b.txt', content: 'b\n', mode: 0o644 }, manifestFor(['b.txt'])], () => {
      throw new Error('disk full');
    });
    expect(result).toEqual({ kind: 'failed', stage: 'commit', detail: 'disk full' });
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'manifest.json']);
    expect(readdirSync(root)).toEqual(['out']);
  });
});

function manifestFor(paths: string[]): Artifact {
  const files = paths.map((path) => ({ path, content: `${path[0]}\n`, mode: 0o644 as const }));
  const inventory = { transitGateway: { name: 't', amazonSideAsn: 64512 }, ruleGroup: { name: 'g', capacity: 1 }, connectPeers: [], bgpSessions: [], egressPools: [], firewallRules: [], reachability: [] };
  return manifestArtifact(buildManifest({ version: 'test', specText: '', lockText: '', artifacts: files, inventory }));
}
