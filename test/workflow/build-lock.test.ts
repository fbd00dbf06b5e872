// One build at a time, and what killed builds leave: real processes on a real file system.
//  - two concurrent builds into one DIR: each succeeds or is refused as busy, never a false success;
//  - a live lock refuses build, check and diff; a dead holder's lock is taken over;
//  - a build killed with SIGKILL while staging: the next build clears the leftovers and writes DIR;
//  - a build interrupted after its commit point: check/diff refuse, the next build completes it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/fixtures.js';
import { BUILD_LOCK, STAGING_MARKER, STAGING_PREFIX } from '../../src/write/control.js';
import { commitJournal, stageFiles } from '../../src/write/staging.js';
import { egressc, messages, workspace } from './cli-support.js';

const BIN = join(REPO_ROOT, 'bin', 'egressc.js');

interface GeneratedSpec {
  spec: { vpcs: { name: string; cidr: string }[]; clusters: { peeringNodes: { vpcIp: string }[] }[]; services: { addresses: string[] }[] };
}

/**
 * Writes a generated spec of `nodes` peering nodes (JSON is YAML) into `dir` as topology.yaml. The
 * benchmark's generator predates the VPC checks (a /12 cluster VPC, addresses AWS reserves): they
 * are moved into a /16 and past the reserved first addresses here.
 */
async function generatedSpec(dir: string, nodes: number): Promise<void> {
  const generator = (await import(pathToFileURL(join(REPO_ROOT, 'bench', 'generate-spec.js')).href)) as { makeSpec: (o: { nodes: number }) => GeneratedSpec };
  const spec = generator.makeSpec({ nodes });
  const shift = (ip: string): string => ip.replace(/\.(\d+)$/, (_, last: string) => `.${Number(last) + 3}`);
  for (const vpc of spec.spec.vpcs) if (vpc.name === 'cluster') vpc.cidr = '10.16.0.0/16';
  for (const node of spec.spec.clusters[0]!.peeringNodes) node.vpcIp = shift(node.vpcIp);
  for (const service of spec.spec.services) service.addresses = service.addresses.map(shift);
  writeFileSync(join(dir, 'topology.yaml'), `${JSON.stringify(spec, null, 1)}\n`);
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function start(args: string[], cwd: string): { child: ChildProcess; exited: Promise<Exit> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<Exit>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, exited };
}

const control = (out: string): string[] => (existsSync(out) ? readdirSync(out).filter((n) => n.startsWith('.egressc')) : []);
const BUSY = /^egressc build: another egressc build is writing out \(pid \d+ on host .+, since .+\); wait for it to finish$/;

/** A pid that no process has any more. */
function deadPid(): number {
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(gone.stdout);
}

describe('the build lock', () => {
  it('two concurrent builds: each writes DIR or is refused as busy; DIR ends complete, with no leftovers', async () => {
    const dir = workspace('seed');
    await generatedSpec(dir, 100);
    const runs = await Promise.all([start(['build', 'topology.yaml', '--out', 'out'], dir).exited, start(['build', 'topology.yaml', '--out', 'out'], dir).exited]);
    for (const run of runs) {
      if (run.code === 0) expect(run.stdout).toMatch(/^egressc build: (wrote out|out is up to date)/);
      else {
        expect(run.code, run.stderr).toBe(1);
        expect(run.stderr.split('\n').filter((l) => l.startsWith('egressc build:'))).toEqual([expect.stringMatching(BUSY)]);
        expect(run.stdout).toBe('');
      }
    }
    expect(runs.some((r) => r.code === 0)).toBe(true);
    expect(control(join(dir, 'out'))).toEqual([]);
    const check = egressc(['check', 'topology.yaml', '--out', 'out'], dir);
    expect(check.stdout).toContain('out is up to date');
    expect(check.status).toBe(0);
  }, 240_000);

  it('a lock held by a live process refuses build, check and diff, changing nothing', () => {
    const dir = workspace('seed');
    expect(egressc(['build', 'topology.yaml', '--out', 'out'], dir).status).toBe(0);
    // the test runner itself is the live holder
    const holder = { kind: 'EgressBuildLock', pid: process.pid, hostname: hostname(), started: '2026-01-01T00:00:00.000Z' };
    writeFileSync(join(dir, 'out', BUILD_LOCK), JSON.stringify(holder));
    writeFileSync(join(dir, 'topology.yaml'), readFileSync(join(dir, 'topology.yaml'), 'utf8').replace('replicas: 1', 'replicas: 2'));
    const before = readFileSync(join(dir, 'out', 'manifest.json'), 'utf8');
    const run = egressc(['build', 'topology.yaml', '--out', 'out'], dir);
    expect(run.status).toBe(1);
    expect(messages(run.stderr)).toBe(`egressc build: another egressc build is writing out (pid ${process.pid} on host ${hostname()}, since 2026-01-01T00:00:00.000Z); wait for it to finish\n`);
    for (const command of ['check', 'diff']) {
      const read = egressc([command, 'topology.yaml', '--out', 'out'], dir);
      expect(read.status).toBe(1);
      expect(read.stderr).toContain(`egressc ${command}: an egressc build is writing out (pid ${process.pid}`);
    }
    expect(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8')).toBe(before);
    expect(readFileSync(join(dir, 'out', BUILD_LOCK), 'utf8')).toBe(JSON.stringify(holder));
  });

  it('takes over the lock of a build that is gone, and refuses a lock file that is not egressc\'s', () => {
    const dir = workspace('seed');
    mkdirSync(join(dir, 'out'));
    const pid = deadPid();
    writeFileSync(join(dir, 'out', BUILD_LOCK), JSON.stringify({ kind: 'EgressBuildLock', pid, hostname: hostname(), started: '2026-01-01T00:00:00.000Z' }));
    const run = egressc(['build', 'topology.yaml', '--out', 'out'], dir);
    expect(messages(run.stderr)).toBe(`egressc build: took over the build lock of out from a build that is gone (pid ${pid} on host ${hostname()}, since 2026-01-01T00:00:00.000Z)\n`);
    expect(run.status).toBe(0);
    expect(control(join(dir, 'out'))).toEqual([]);

    writeFileSync(join(dir, 'out', BUILD_LOCK), 'hello\n');
    const refused = egressc(['build', 'topology.yaml', '--out', 'out'], dir);
    expect(refused.status).toBe(1);
    expect(messages(refused.stderr)).toBe(`egressc build: out/${BUILD_LOCK} is not an egressc build lock; remove it if no egressc build is running\n`);
  });
});

describe('interrupted builds', () => {
  it('a build killed with SIGKILL while staging leaves leftovers the next build removes; then a clean rebuild', async () => {
    const dir = workspace('seed');
    await generatedSpec(dir, 800);
    const out = join(dir, 'out');
    const { child, exited } = start(['build', 'topology.yaml', '--out', 'out'], dir);
    // kill it as soon as its staging directory exists (polled; a bounded wait, not a timed assertion)
    let killed = false;
    for (let i = 0; i < 24_000 && child.exitCode === null && !killed; i++) {
      if (control(out).some((n) => n.startsWith(STAGING_PREFIX))) killed = child.kill('SIGKILL');
      else await new Promise((r) => setTimeout(r, 5));
    }
    const first = await exited;
    expect(first.signal, first.stderr).toBe('SIGKILL');
    const leftovers = control(out);
    expect(leftovers).toContain(BUILD_LOCK);
    const staging = leftovers.find((n) => n.startsWith(STAGING_PREFIX))!;
    expect(existsSync(join(out, staging, STAGING_MARKER))).toBe(true);

    const again = egressc(['build', 'topology.yaml', '--out', 'out'], dir);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/took over the build lock of out from a build that is gone/);
    expect(control(out)).toEqual([]);
    const check = egressc(['check', 'topology.yaml', '--out', 'out'], dir);
    expect(check.status, check.stdout).toBe(0);
    const rebuilt = egressc(['build', 'topology.yaml', '--out', 'out'], dir);
    expect(rebuilt.stdout).toContain('out is up to date');
    expect(control(out)).toEqual([]);
    rmSync(out, { recursive: true }); // within this test's time, not the clean-up hook's
  }, 240_000);

  it('a build interrupted after its commit point: check and diff refuse, the next build completes it', () => {
    const dir = workspace('seed');
    expect(egressc(['build', 'topology.yaml', '--out', 'out'], dir).status).toBe(0);
    const out = join(dir, 'out');
    const report = readFileSync(join(out, 'REPORT.md'), 'utf8');
    // what a build killed between its journal and the end of its renames leaves: a committed staging
    // directory, one entry already moved (gone from tree/), one still to move
    const staged = stageFiles(out, [
      { path: 'REPORT.md', content: 'interrupted\n', mode: 0o644 },
      { path: 'moved-already.txt', content: 'x\n', mode: 0o644 },
    ]);
    commitJournal(staged.path, { kind: 'EgressBuildJournal', prune: [], removeDirectories: [], moves: ['moved-already.txt', 'REPORT.md'] });
    rmSync(join(staged.path, 'tree', 'moved-already.txt'));
    for (const command of ['check', 'diff']) {
      const read = egressc([command, 'topology.yaml', '--out', 'out'], dir);
      expect(read.status).toBe(1);
      expect(messages(read.stderr)).toBe(`egressc ${command}: out holds an interrupted build (a committed journal not yet applied); run "egressc build topology.yaml --out out" to complete it\n`);
    }
    const run = egressc(['build', 'topology.yaml', '--out', 'out'], dir);
    expect(messages(run.stderr)).toBe('egressc build: completed the interrupted earlier build of out first\n');
    expect(run.status).toBe(0);
    // the journal was applied (REPORT.md replaced), then this build wrote what the spec says
    expect(run.stdout).toContain('1 new or changed');
    expect(readFileSync(join(out, 'REPORT.md'), 'utf8')).toBe(report);
    expect(control(out)).toEqual([]);
    expect(egressc(['check', 'topology.yaml', '--out', 'out'], dir).status).toBe(0);
  });

  it('a staging-like folder without the marker is not egressc\'s: kept and reported', () => {
    const dir = workspace('seed');
    expect(egressc(['build', 'topology.yaml', '--out', 'out'], dir).status).toBe(0);
    mkdirSync(join(dir, 'out', `${STAGING_PREFIX}mine`));
    writeFileSync(join(dir, 'out', `${STAGING_PREFIX}mine`, 'data'), 'keep\n');
    expect(egressc(['build', 'topology.yaml', '--out', 'out'], dir).status).toBe(0);
    expect(readFileSync(join(dir, 'out', `${STAGING_PREFIX}mine`, 'data'), 'utf8')).toBe('keep\n');
    expect(egressc(['check', 'topology.yaml', '--out', 'out'], dir).stdout).toContain(`extra    out/${STAGING_PREFIX}mine/data`);
  });
});
