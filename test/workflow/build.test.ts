// egressc build: atomic output, manifest, pruning, ownership, modes, frozen lock, determinism.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/write/hash.js';
import { parseManifest, type Manifest } from '../../src/write/manifest.js';
import { asObject, editSpec, egressc, messages, snapshot, workspace } from './cli-support.js';

const readManifest = (out: string): Manifest => {
  const parsed = parseManifest(readFileSync(join(out, 'manifest.json'), 'utf8'));
  if (!parsed.manifest) throw new Error(`manifest.json: ${parsed.error}`);
  return parsed.manifest;
};

function buildSeed(dir: string, extra: string[] = []): ReturnType<typeof egressc> {
  return egressc(['build', 'topology.yaml', '--out', 'out', ...extra], dir);
}

describe('egressc build', () => {
  it('writes every artifact, the manifest (sha256, modes, spec and lock hashes) and the lock', () => {
    const dir = workspace('seed');
    rmSync(join(dir, 'seed.lock.yaml'), { force: true });
    const run = buildSeed(dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('lock seed.lock.yaml created');
    const out = join(dir, 'out');
    const tree = snapshot(out);
    const manifest = readManifest(out);
    expect(manifest.generator.name).toBe('egressc');
    expect(manifest.spec.sha256).toBe(sha256(readFileSync(join(dir, 'topology.yaml'))));
    expect(manifest.lock.sha256).toBe(sha256(readFileSync(join(dir, 'seed.lock.yaml'))));
    expect([...tree.keys()].filter((p) => p !== 'manifest.json')).toEqual(manifest.files.map((f) => f.path));
    expect(manifest.files.map((f) => f.path)).toContain('REPORT.md');
    for (const file of manifest.files) {
      const entry = tree.get(file.path)!;
      expect(sha256(entry.content), file.path).toBe(file.sha256);
      expect(`0${entry.mode.toString(8)}`, file.path).toBe(file.mode);
    }
    // the sorted list, no timestamps
    expect(manifest.files.map((f) => f.path)).toEqual([...manifest.files.map((f) => f.path)].sort());
    expect(JSON.stringify(manifest)).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it.each(['000', '077'])('gives every file the mode its artifact asks for (netplan 0600), under umask %s', (umask) => {
    const dir = workspace('seed');
    const run = egressc(['build', 'topology.yaml', '--out', 'out'], dir, {}, umask);
    expect(run.status).toBe(0);
    const manifest = readManifest(join(dir, 'out'));
    const tree = snapshot(join(dir, 'out'));
    for (const file of manifest.files) {
      if (file.path.startsWith('netplan/')) expect(file.mode, file.path).toBe('0600');
      expect(tree.get(file.path)!.mode, file.path).toBe(file.mode === '0600' ? 0o600 : 0o644);
    }
    expect(tree.get('REPORT.md')!.mode).toBe(0o644);
    expect(tree.get('manifest.json')!.mode).toBe(0o644);
  });

  it('leaves the previous output and lock intact when the build fails', () => {
    const dir = workspace('seed');
    expect(buildSeed(dir).status).toBe(0);
    const before = asObject(snapshot(dir));
    // an ASN that is not a number: the spec does not validate
    editSpec(dir, (doc) => doc.setIn(['spec', 'clusters', 0, 'asNumber'], 'sixty-four thousand'));
    const broken = readFileSync(join(dir, 'topology.yaml'), 'utf8');
    const run = buildSeed(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/error\[/);
    expect(asObject(snapshot(dir))).toEqual({ ...before, 'topology.yaml': { ...before['topology.yaml']!, content: broken } });
  });

  it('is a no-op when the output is up to date', () => {
    const dir = workspace('seed');
    expect(buildSeed(dir).status).toBe(0);
    const run = buildSeed(dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('out is up to date');
    expect(run.stdout).toContain('lock seed.lock.yaml unchanged');
  });

  it('prunes the files of a removed node, and nothing else', () => {
    const dir = workspace('seed');
    expect(buildSeed(dir).status).toBe(0);
    const out = join(dir, 'out');
    const before = readManifest(out).files.map((f) => f.path);
    const ofWorker2 = before.filter((p) => p.includes('worker-2'));
    expect(ofWorker2.length).toBeGreaterThan(0);
    editSpec(dir, (doc) => doc.deleteIn(['spec', 'clusters', 0, 'peeringNodes', 1]));
    const run = buildSeed(dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    for (const path of ofWorker2) {
      expect(existsSync(join(out, path)), path).toBe(false);
      expect(run.stdout).toContain(`pruned out/${path}`);
    }
    const after = readManifest(out).files.map((f) => f.path);
    expect([...snapshot(out).keys()].filter((p) => p !== 'manifest.json')).toEqual(after);
    expect(after).toEqual(before.filter((p) => !ofWorker2.includes(p)));
  });

  it('prunes a file its previous manifest listed that the new build does not write', () => {
    const dir = workspace('seed');
    expect(buildSeed(dir).status).toBe(0);
    const out = join(dir, 'out');
    // an older build wrote stale/old.conf
    const manifest = readManifest(out);
    manifest.files.push({ path: 'stale/old.conf', sha256: sha256('old\n'), mode: '0644' });
    writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest));
    mkdirSync(join(out, 'stale'));
    writeFileSync(join(out, 'stale/old.conf'), 'old\n');
    const run = buildSeed(dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('pruned out/stale/old.conf');
    expect(existsSync(join(out, 'stale'))).toBe(false);
  });

  it('refuses a directory it did not make (no manifest), and touches nothing', () => {
    const dir = workspace('seed');
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'REPORT.md'), 'my own notes\n');
    const run = buildSeed(dir);
    expect(run.status).toBe(1);
    expect(messages(run.stderr)).toBe('egressc build: out is not empty and holds no egressc manifest.json, so egressc did not make it and will not write into it (it holds REPORT.md); pass a missing or empty directory\n');
    expect(asObject(snapshot(out))).toEqual({ 'REPORT.md': { content: 'my own notes\n', mode: 0o644 } });
    expect(existsSync(join(dir, 'out', 'manifest.json'))).toBe(false);
  });

  it('refuses to overwrite a foreign file after a build too (not listed in the manifest)', () => {
    const dir = workspace('seed');
    expect(buildSeed(dir).status).toBe(0);
    const out = join(dir, 'out');
    const manifest = readManifest(out);
    const victim = 'REPORT.md';
    manifest.files = manifest.files.filter((f) => f.path !== victim);
    writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest));
    writeFileSync(join(out, victim), 'hand-made\n');
    const before = asObject(snapshot(out));
    const run = buildSeed(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`out/${victim}`);
    expect(asObject(snapshot(out))).toEqual(before);
  });

  it('keeps foreign files that no artifact collides with', () => {
    const dir = workspace('seed');
    expect(buildSeed(dir).status).toBe(0);
    writeFileSync(join(dir, 'out', 'NOTES.txt'), 'kept\n');
    editSpec(dir, (doc) => doc.setIn(['spec', 'clusters', 0, 'egressGateways', 0, 'replicas'], 2));
    const run = buildSeed(dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('kept out/NOTES.txt');
    expect(readFileSync(join(dir, 'out', 'NOTES.txt'), 'utf8')).toBe('kept\n');
    expect(readManifest(join(dir, 'out')).files.map((f) => f.path)).not.toContain('NOTES.txt');
  });

  it('refuses an output directory whose manifest.json is not egressc\'s', () => {
    const dir = workspace('seed');
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'manifest.json'), '{"name": "something else"}\n');
    const run = buildSeed(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('manifest.json is not an egressc manifest');
  });

  it('--frozen-lock passes on a current lock and fails, writing nothing, on a stale or missing one', () => {
    const dir = workspace('seed');
    expect(buildSeed(dir).status).toBe(0);
    expect(buildSeed(dir, ['--frozen-lock']).status).toBe(0);

    editSpec(dir, (doc) => doc.deleteIn(['spec', 'clusters', 0, 'peeringNodes', 1]));
    const before = asObject(snapshot(dir));
    const stale = buildSeed(dir, ['--frozen-lock']);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain('--frozen-lock: the lock file seed.lock.yaml is out of date');
    expect(stale.stderr).toContain('the spec would change connectPeers/demo/worker-2 removed');
    expect(asObject(snapshot(dir))).toEqual(before);

    rmSync(join(dir, 'seed.lock.yaml'));
    rmSync(join(dir, 'out'), { recursive: true });
    const missing = buildSeed(dir, ['--frozen-lock']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('--frozen-lock: the lock file seed.lock.yaml is missing');
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(existsSync(join(dir, 'seed.lock.yaml'))).toBe(false);
  });

  it('reports as one JSON document with --format json, and as annotations with --format github', () => {
    const dir = workspace('seed');
    const ok = buildSeed(dir, ['--format', 'json']);
    expect(ok.status).toBe(0);
    const report = JSON.parse(ok.stdout) as { diagnostics: unknown[]; build: { files: number; lock: { updated: boolean } } };
    expect(report.build.files).toBe(snapshot(join(dir, 'out')).size);
    editSpec(dir, (doc) => doc.setIn(['spec', 'clusters', 0, 'asNumber'], 'sixty-four thousand'));
    const failed = buildSeed(dir, ['--format', 'json']);
    expect(failed.status).toBe(1);
    const failure = JSON.parse(failed.stdout) as { diagnostics: { severity: string; file: string }[]; error: string };
    expect(failure.error).toBe('the spec has errors');
    expect(failure.diagnostics.some((d) => d.severity === 'error' && d.file === 'topology.yaml')).toBe(true);
    const github = buildSeed(dir, ['--format', 'github']);
    expect(github.status).toBe(1);
    expect(github.stderr).toMatch(/^::error file=topology\.yaml,line=\d+/m);
  });

  it('writes the lock to --lock PATH', () => {
    const dir = workspace('seed');
    const run = buildSeed(dir, ['--lock', 'locks/x.lock.yaml']);
    expect(run.status).toBe(0);
    expect(readFileSync(join(dir, 'locks/x.lock.yaml'), 'utf8')).toContain('EgressTopologyLock');
  });

  it('exits 2 on usage errors and unreadable specs, 1 on an output path that is a file', () => {
    const dir = workspace('seed');
    expect(egressc(['build', 'topology.yaml'], dir).status).toBe(2);
    expect(egressc(['build', 'topology.yaml', '--out', 'out', '--format', 'xml'], dir).status).toBe(2);
    expect(egressc(['build', 'missing.yaml', '--out', 'out'], dir).status).toBe(2);
    writeFileSync(join(dir, 'out'), 'a file\n');
    const run = buildSeed(dir);
    expect(run.status).toBe(1);
    expect(messages(run.stderr)).toBe('egressc build: out is not a directory\n');
  });

  it('writes byte-identical trees across time zones and locales', () => {
    const a = workspace('multi');
    const b = workspace('multi');
    const runA = egressc(['build', 'topology.yaml', '--out', 'out'], a, { TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' });
    const runB = egressc(['build', 'topology.yaml', '--out', 'out'], b, { TZ: 'America/St_Johns', LANG: 'C', LC_ALL: 'C' });
    expect(runA.status).toBe(0);
    expect(runB.status).toBe(0);
    const treeA = snapshot(a);
    expect([...treeA.keys()]).toEqual(expect.arrayContaining(['multi.lock.yaml', 'out/manifest.json', 'out/REPORT.md']));
    expect(asObject(treeA)).toEqual(asObject(snapshot(b)));
  });
});
