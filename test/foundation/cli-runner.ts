// Runs the built CLI (bin/egressc.js) as a user would; `npm test` builds first.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/fixtures.js';
import { requireFreshBuild } from '../support/fresh-build.js';

requireFreshBuild();

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: readonly string[], cwd: string = REPO_ROOT): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(REPO_ROOT, 'bin/egressc.js'), ...args], { cwd, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** A stack trace line as Node prints it. */
export const STACK_LINE = /^\s{4}at /m;
