// Benchmark: the CLI end to end as a user runs it (a fresh build into an empty DIR, the same build again
// with nothing changed, check, diff, validate) on the seed and on generated specs of 100, 1,000 and 5,000
// peering nodes, each run paired with a bare `node -e 0` in the same moment so that the ratio of CPU
// holds on a busy machine. Prints wall, CPU, the CPU ratio to bare Node and peak RSS, then how each
// command scales from 1,000 to 5,000 nodes. Nothing is asserted: timings belong to the machine.
//
//   npm run bench                        all sizes
//   node bench/run.js --sizes seed,100   some sizes (seed or a node count)
//   node bench/run.js --runs 3           paired runs per command (default: 10 seed and 100 nodes, 5 / 3 by size)
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { makeSpec } from './generate-spec.js';
import { median, peakRss, timeProcess } from './measure.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'bin', 'egressc.js');
const { values: options } = parseArgs({ options: { sizes: { type: 'string', default: 'seed,100,1000,5000' }, runs: { type: 'string' } } });
const defaultRuns = (size) => (size === 'seed' || size <= 100 ? 10 : size <= 1000 ? 5 : 3);

/** A spec in a fresh temporary folder, so that nothing in the repository is written. */
function prepare(work, size) {
  if (size === 'seed') {
    const dir = join(work, 'seed');
    cpSync(join(root, 'fixtures', 'seed'), dir, { recursive: true });
    return { dir, spec: 'topology.yaml' };
  }
  const dir = join(work, `n${size}`);
  cpSync(join(root, 'fixtures', 'seed', 'templates'), join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'topology.yaml'), stringify(makeSpec({ nodes: size })));
  return { dir, spec: 'topology.yaml' };
}

const COMMANDS = [
  { name: 'build (fresh)', args: (spec) => ['build', spec, '--out', 'out'], before: (dir) => rmSync(join(dir, 'out'), { recursive: true, force: true }) },
  { name: 'build (unchanged)', args: (spec) => ['build', spec, '--out', 'out'] },
  { name: 'check', args: (spec) => ['check', spec, '--out', 'out'] },
  { name: 'diff', args: (spec) => ['diff', spec, '--out', 'out'] },
  { name: 'validate', args: (spec) => ['validate', spec] },
];

/** Paired runs of each command on one spec; calls report(row) as soon as a command is measured. */
function benchSize(work, size, report) {
  const { dir, spec } = prepare(work, size);
  const node = (args) => [process.execPath, ...args];
  // the first build writes the lock; every later run is what a user with a committed lock sees
  const first = timeProcess(node([cli, 'build', spec, '--out', 'out']), dir);
  if (first.exitCode !== 0) throw new Error(`build of ${size} failed (exit ${first.exitCode})`);
  const runs = Number(options.runs ?? defaultRuns(size));
  for (const command of COMMANDS) {
    const s = { wall: [], cpu: [], bare: [], ratio: [] };
    for (let run = 0; run < runs; run++) {
      command.before?.(dir);
      const bare = timeProcess(node(['-e', '0']), dir);
      const measured = timeProcess(node([cli, ...command.args(spec)]), dir);
      if (measured.exitCode !== 0) throw new Error(`${command.name} of ${size} exited ${measured.exitCode}`);
      s.wall.push(measured.wall);
      s.cpu.push(measured.cpu);
      s.bare.push(bare.cpu);
      s.ratio.push(measured.cpu / Math.max(bare.cpu, 1));
    }
    command.before?.(dir);
    const rss = peakRss(node([cli, ...command.args(spec)]), dir);
    report({ size, command: command.name, runs, wall: median(s.wall), cpu: median(s.cpu), bare: median(s.bare), ratio: median(s.ratio), rss });
  }
}

const pad = (value, width) => String(value).padStart(width);
const label = (size) => (size === 'seed' ? 'seed' : `${size.toLocaleString('en')} nodes`);

const work = mkdtempSync(join(tmpdir(), 'egressc-bench-'));
try {
  const sizes = options.sizes.split(',').map((s) => (s === 'seed' ? 'seed' : Number(s)));
  const rows = [];
  console.log(`egressc CLI end to end; node ${process.version}; medians of paired runs (CPU = user + sys; ratio = CPU / CPU of a bare "node -e 0" run just before)\n`);
  console.log(`| spec | command | runs | wall ms | CPU ms | node -e 0 CPU ms | CPU ratio | peak RSS MiB |`);
  console.log(`|---|---|--:|--:|--:|--:|--:|--:|`);
  for (const size of sizes) {
    benchSize(work, size, (row) => {
      rows.push(row);
      const rss = row.rss === undefined ? 'n/a' : row.rss.toFixed(0);
      console.log(`| ${label(size)} | ${row.command} | ${row.runs} | ${pad(row.wall, 6)} | ${pad(row.cpu, 6)} | ${pad(row.bare, 4)} | ${row.ratio.toFixed(2)}× | ${pad(rss, 4)} |`);
    });
  }
  const at = (size, command) => rows.find((r) => r.size === size && r.command === command);
  if (sizes.includes(1000) && sizes.includes(5000)) {
    console.log('\nScaling from 1,000 to 5,000 nodes (5× the nodes; linear is 5.00×)\n');
    console.log('| command | wall 5k / 1k | CPU 5k / 1k |');
    console.log('|---|--:|--:|');
    for (const { name } of COMMANDS) {
      const [small, large] = [at(1000, name), at(5000, name)];
      console.log(`| ${name} | ${(large.wall / small.wall).toFixed(2)}× | ${(large.cpu / small.cpu).toFixed(2)}× |`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
