// Measures one process as a user runs it: wall time and CPU (user + sys) through bash's `time` keyword
// (getrusage of the child, millisecond resolution), and peak RSS through GNU time's %M when
// /usr/bin/time is installed. Benchmarks only: nothing here is asserted.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TIMED = 'TIMEFORMAT="%3R %3U %3S"; { time "$@" >/dev/null 2>&1; } 2>&1; echo "rc $?"';
const GNU_TIME = '/usr/bin/time';

/**
 * Runs argv[0] with the rest as arguments in cwd; returns milliseconds of wall and CPU time and the exit
 * code. Output of the command is discarded.
 */
export function timeProcess(argv, cwd) {
  const result = spawnSync('bash', ['-c', TIMED, 'bash', ...argv], { cwd, encoding: 'utf8' });
  const match = /^(\d+\.\d+) (\d+\.\d+) (\d+\.\d+)\s+rc (\d+)\s*$/.exec(result.stdout);
  if (!match) throw new Error(`cannot time ${argv.join(' ')}: ${result.stdout}${result.stderr}`);
  const [wall, user, sys] = match.slice(1, 4).map((s) => Math.round(Number(s) * 1000));
  return { wall, cpu: user + sys, user, sys, exitCode: Number(match[4]) };
}

/** Peak resident set size of one run, in MiB, or undefined without GNU time. */
export function peakRss(argv, cwd) {
  if (!existsSync(GNU_TIME)) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'egressc-rss-'));
  try {
    const file = join(dir, 'rss');
    spawnSync(GNU_TIME, ['-f', '%M', '-o', file, ...argv], { cwd, stdio: 'ignore' });
    const kib = Number(readFileSync(file, 'utf8').trim().split('\n').at(-1));
    return Number.isFinite(kib) ? kib / 1024 : undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
