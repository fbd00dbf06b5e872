// Synchronous, bounded command execution for the live harness (sync so teardown also works inside
// signal handlers). Every call has a timeout: nothing here can hang the suite.
import { spawnSync } from 'node:child_process';

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** default 10 s */
  timeoutMs?: number;
  /** return a failed result instead of throwing */
  allowFailure?: boolean;
}

export function run(command: string, args: readonly string[], options: RunOptions = {}): RunResult {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: options.timeoutMs ?? 10_000 });
  const out: RunResult = { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
  if (!options.allowFailure && (result.error || result.status !== 0)) {
    const why = result.error ? String(result.error) : `exit ${String(result.status)}`;
    throw new Error(`${command} ${args.join(' ')}: ${why}\n${out.stderr}${out.stdout}`.trim());
  }
  return out;
}

/** `ip …`, e.g. ip(['-n', ns, 'link', 'set', 'lo', 'up']) */
export const ip = (args: readonly string[], options: RunOptions = {}): RunResult => run('ip', args, options);

/** A command inside a network namespace. */
export const inNamespace = (ns: string, command: string, args: readonly string[], options: RunOptions = {}): RunResult =>
  run('ip', ['netns', 'exec', ns, command, ...args], options);
