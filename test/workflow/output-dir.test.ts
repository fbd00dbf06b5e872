// The output directory is egressc's alone: what build refuses (leaving DIR exactly as it was: modes,
// owners, empty directories, mtimes), symlinks it never follows, and the messages. Real CLI, real
// file systems, everything inside temporary directories.
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { editSpec, egressc, messages, workspace } from './cli-support.js';

const extraDirs: string[] = [];
afterEach(() => {
  for (const dir of extraDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = (name: string): string => {
  const dir = mkdtempSync(join(tmpdir(), `egressc-${name}-`));
  extraDirs.push(dir);
  return dir;
};

interface EntryState {
  kind: 'file' | 'dir' | 'link' | 'other';
  mode: number;
  uid: number;
  gid: number;
  ino: number;
  mtimeMs: number;
  content?: string;
}

/** Everything about every entry under `root` (root included) that a write could change. */
export function fullState(root: string): Record<string, EntryState> {
  const state: Record<string, EntryState> = {};
  const visit = (rel: string): void => {
    const path = rel ? join(root, rel) : root;
    const stat = lstatSync(path);
    const kind = stat.isDirectory() ? 'dir' : stat.isFile() ? 'file' : stat.isSymbolicLink() ? 'link' : 'other';
    state[rel || '.'] = { kind, mode: stat.mode & 0o7777, uid: stat.uid, gid: stat.gid, ino: stat.ino, mtimeMs: stat.mtimeMs, ...(kind === 'file' ? { content: readFileSync(path, 'utf8') } : {}) };
    if (kind === 'dir') for (const name of readdirSync(path).sort()) visit(rel ? `${rel}/${name}` : name);
  };
  visit('');
  return state;
}

const asRoot = process.getuid?.() === 0;
const OTHER_UID = 4321;

/** A directory egressc did not make: odd modes, an empty folder, a symlink, old mtimes, a foreign owner (as root). */
function foreignTree(out: string): void {
  mkdirSync(join(out, 'empty'), { recursive: true });
  mkdirSync(join(out, 'private'));
  writeFileSync(join(out, 'private', 'key'), 'secret\n');
  chmodSync(join(out, 'private', 'key'), 0o400);
  chmodSync(join(out, 'private'), 0o700);
  writeFileSync(join(out, 'notes.txt'), 'mine\n');
  chmodSync(join(out, 'notes.txt'), 0o640);
  symlinkSync('notes.txt', join(out, 'link'));
  if (asRoot) chownSync(join(out, 'notes.txt'), OTHER_UID, OTHER_UID);
  const past = new Date('2020-01-02T03:04:05Z');
  for (const p of ['empty', 'private/key', 'private', 'notes.txt', '.']) utimesSync(join(out, p), past, past);
}

const build = (dir: string, out = 'out', extra: string[] = []): ReturnType<typeof egressc> => egressc(['build', 'topology.yaml', '--out', out, ...extra], dir);

describe('build refuses a directory it did not make, and leaves it exactly as it was', () => {
  it('a non-empty directory without manifest.json (empty folders, modes, owners, mtimes unchanged)', () => {
    const dir = workspace('seed');
    const out = join(dir, 'out');
    mkdirSync(out);
    foreignTree(out);
    const before = fullState(out);
    const run = build(dir);
    expect(run.status).toBe(1);
    expect(messages(run.stderr)).toBe('egressc build: out is not empty and holds no egressc manifest.json, so egressc did not make it and will not write into it (it holds empty, link, notes.txt, private, private/key); pass a missing or empty directory\n');
    expect(fullState(out)).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(['out', 'seed.lock.yaml', 'templates', 'topology.yaml']);
  });

  it('a directory holding only an empty folder is not empty', () => {
    const dir = workspace('seed');
    mkdirSync(join(dir, 'out', 'keep'), { recursive: true });
    const before = fullState(join(dir, 'out'));
    expect(build(dir).status).toBe(1);
    expect(fullState(join(dir, 'out'))).toEqual(before);
  });

  it('builds into an empty directory, keeping its mode and owner', () => {
    const dir = workspace('seed');
    const out = join(dir, 'out');
    mkdirSync(out);
    chmodSync(out, 0o750);
    if (asRoot) chownSync(out, OTHER_UID, OTHER_UID);
    const run = build(dir);
    expect(messages(run.stderr)).toBe('');
    expect(run.status).toBe(0);
    const stat = lstatSync(out);
    expect(stat.mode & 0o777).toBe(0o750);
    if (asRoot) expect(stat.uid).toBe(OTHER_UID);
    expect(readdirSync(out)).toContain('manifest.json');
    expect(readdirSync(out).filter((n) => n.startsWith('.egressc'))).toEqual([]);
  });

  it('keeps foreign files, empty folders, modes, owners and mtimes of an egressc directory across builds', () => {
    const dir = workspace('seed');
    expect(build(dir).status).toBe(0);
    const out = join(dir, 'out');
    foreignTree(out);
    const foreign = (): Record<string, EntryState> => {
      const all = fullState(out);
      return Object.fromEntries(Object.entries(all).filter(([p]) => ['empty', 'private', 'private/key', 'notes.txt', 'link'].includes(p)));
    };
    const before = foreign();
    // a change that rewrites some files and prunes others (worker-2 removed)
    editSpec(dir, (doc) => doc.deleteIn(['spec', 'clusters', 0, 'peeringNodes', 1]));
    const run = build(dir);
    expect(messages(run.stderr)).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('pruned out/');
    expect(run.stdout).toContain('kept out/notes.txt');
    expect(foreign()).toEqual(before);
    expect(egressc(['check', 'topology.yaml', '--out', 'out'], dir).stdout).toContain('extra    out/notes.txt');
  });
});

describe('build never follows a symlink out of DIR', () => {
  it('refuses DIR that is a symlink (to a directory standing in for a system directory)', () => {
    const dir = workspace('seed');
    const system = tempDir('system');
    writeFileSync(join(system, 'passwd'), 'root:x:0:0\n');
    symlinkSync(system, join(dir, 'out'));
    const before = fullState(system);
    const run = build(dir);
    expect(run.status).toBe(1);
    expect(messages(run.stderr)).toBe('egressc build: out is a symbolic link; egressc writes only into a real directory (pass the directory it points to, or remove the link)\n');
    expect(fullState(system)).toEqual(before);
  });

  it('refuses a symlinked parent of DIR inside the repository', () => {
    const dir = workspace('seed');
    const system = tempDir('system');
    symlinkSync(system, join(dir, 'gen'));
    const run = build(dir, 'gen/out');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('gen is a symbolic link inside the repository');
    expect(readdirSync(system)).toEqual([]);
  });

  it('refuses a symlink inside DIR where it would write (a folder replaced by a link), touching neither side', () => {
    const dir = workspace('seed');
    expect(build(dir).status).toBe(0);
    const out = join(dir, 'out');
    const system = tempDir('system');
    writeFileSync(join(system, 'kept'), 'kept\n');
    const folder = readdirSync(out).find((n) => lstatSync(join(out, n)).isDirectory())!;
    rmSync(join(out, folder), { recursive: true });
    symlinkSync(system, join(out, folder));
    const before = { out: fullState(out), system: fullState(system) };
    const run = build(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`refusing to overwrite files egressc did not write (not listed in out/manifest.json): out/${folder};`);
    expect({ out: fullState(out), system: fullState(system) }).toEqual(before);
  });

  it('replaces an owned file that became a symlink, never writing through it', () => {
    const dir = workspace('seed');
    expect(build(dir).status).toBe(0);
    const victim = join(tempDir('system'), 'shadow');
    writeFileSync(victim, 'secret\n');
    rmSync(join(dir, 'out', 'REPORT.md'));
    symlinkSync(victim, join(dir, 'out', 'REPORT.md'));
    expect(build(dir).status).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('secret\n');
    expect(lstatSync(join(dir, 'out', 'REPORT.md')).isFile()).toBe(true);
  });
});

describe('build refuses DIR that holds the spec or a repository', () => {
  const gitInit = (dir: string): void => {
    const init = spawnSync('git', ['init', '-q', dir], { encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`git init: ${init.stderr}`);
  };

  it.each([
    ['.', "egressc build: . is the spec's own folder; build into a folder of its own, e.g. --out out\n"],
    ['..', ''],
  ])('--out %s', (out, message) => {
    const dir = workspace('seed');
    const before = fullState(dir);
    const run = build(dir, out);
    expect(run.status).toBe(1);
    if (message) expect(messages(run.stderr)).toBe(message);
    else expect(run.stderr).toMatch(/holds the spec topology\.yaml; build into a folder of its own, e.g\. --out out\n$/);
    expect(fullState(dir)).toEqual(before);
  });

  it('the repository root (spec in a sub-folder), and "--out ." in a Git clone leaves .git alone', () => {
    const repo = workspace('seed');
    gitInit(repo);
    mkdirSync(join(repo, 'net'));
    for (const f of ['topology.yaml', 'seed.lock.yaml', 'templates']) cpSync(join(repo, f), join(repo, 'net', f), { recursive: true });
    const before = fullState(repo);
    const fromRoot = egressc(['build', 'net/topology.yaml', '--out', '.', '--lock', join(tempDir('lock'), 'x.lock.yaml')], repo);
    expect(fromRoot.status).toBe(1);
    expect(fromRoot.stderr).toContain('. holds the spec net/topology.yaml');
    // a spec outside the clone, --out the clone's root
    const elsewhere = workspace('seed');
    const intoClone = egressc(['build', join(elsewhere, 'topology.yaml'), '--out', repo], elsewhere);
    expect(intoClone.status).toBe(1);
    expect(intoClone.stderr).toContain('is the root of a Git work tree');
    const intoGit = egressc(['build', join(elsewhere, 'topology.yaml'), '--out', join(repo, '.git', 'out')], elsewhere);
    expect(intoGit.status).toBe(1);
    expect(intoGit.stderr).toContain('is inside a .git directory');
    expect(fullState(repo)).toEqual(before);
  });
});

describe('messages for an output path that cannot be a directory', () => {
  it.each(['build', 'check', 'diff'])('%s --out afile/sub says which part is not a directory (exit 1)', (command) => {
    const dir = workspace('seed');
    writeFileSync(join(dir, 'afile'), 'x\n');
    const run = egressc([command, 'topology.yaml', '--out', 'afile/sub'], dir);
    expect(messages(run.stderr)).toBe(`egressc ${command}: afile is not a directory\n`);
    expect(run.status).toBe(1);
    expect(readFileSync(join(dir, 'afile'), 'utf8')).toBe('x\n');
  });
});

describe('unchanged and hand-edited output', () => {
  it('an unchanged rebuild rewrites nothing (same inodes and mtimes); a same-size hand edit is repaired', () => {
    const dir = workspace('seed');
    expect(build(dir).status).toBe(0);
    const out = join(dir, 'out');
    // only DIR's own mtime moves: the build lock is created in it and removed
    const withoutDirMtime = (): Record<string, EntryState> => {
      const state = fullState(out);
      return { ...state, '.': { ...state['.']!, mtimeMs: 0 } };
    };
    const before = withoutDirMtime();
    const again = build(dir);
    expect(again.stdout).toContain('out is up to date');
    expect(withoutDirMtime()).toEqual(before);
    const report = join(out, 'REPORT.md');
    const text = readFileSync(report, 'utf8');
    writeFileSync(report, text.replace(/[a-z]/, (c) => (c === 'a' ? 'b' : 'a')));
    const repaired = build(dir);
    expect(repaired.stdout).toContain('1 new or changed');
    expect(readFileSync(report, 'utf8')).toBe(text);
    expect(existsSync(join(out, '.egressc-build.lock'))).toBe(false);
  });
});
