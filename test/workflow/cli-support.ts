// Drives the real CLI (node bin/egressc.js, built by `npm run build`) in temporary workspaces.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { afterEach } from 'vitest';
import { FIXTURES, REPO_ROOT } from '../support/fixtures.js';
import { requireFreshBuild } from '../support/fresh-build.js';

requireFreshBuild();

const BIN = join(REPO_ROOT, 'bin', 'egressc.js');

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

export function egressc(args: readonly string[], cwd: string, env: Record<string, string> = {}, umask?: string): CliRun {
  const [command, argv] = umask === undefined ? [process.execPath, [BIN, ...args]] : ['sh', ['-c', `umask ${umask} && exec "$0" "$@"`, process.execPath, BIN, ...args]];
  const result = spawnSync(command, argv, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const workspaces: string[] = [];
afterEach(() => {
  for (const dir of workspaces.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary copy of fixtures/<name> (spec, templates, lock when there); removed after the test. */
export function workspace(fixture: string): string {
  const dir = mkdtempSync(join(tmpdir(), `egressc-workflow-${fixture}-`));
  workspaces.push(dir);
  cpSync(join(FIXTURES, fixture), dir, { recursive: true });
  return dir;
}

/** Edits the spec in a workspace through the YAML document model (comments kept). */
export function editSpec(dir: string, edit: (doc: ReturnType<typeof parseDocument>) => void, file = 'topology.yaml'): void {
  const path = join(dir, file);
  const doc = parseDocument(readFileSync(path, 'utf8'));
  edit(doc);
  writeFileSync(path, doc.toString());
}

export interface TreeEntry {
  content: string;
  mode: number;
}

/** Every file under `dir` (POSIX paths) with content and mode; an absent directory is an empty tree. */
export function snapshot(dir: string): Map<string, TreeEntry> {
  const tree = new Map<string, TreeEntry>();
  const walk = (prefix: string): void => {
    for (const name of readdirSync(join(dir, prefix)).sort()) {
      const rel = prefix ? `${prefix}/${name}` : name;
      const stat = lstatSync(join(dir, rel));
      if (stat.isDirectory()) walk(rel);
      else tree.set(rel, { content: readFileSync(join(dir, rel), 'utf8'), mode: stat.mode & 0o777 });
    }
  };
  if (existsSync(dir)) walk('');
  return tree;
}

export const asObject = (tree: Map<string, TreeEntry>): Record<string, TreeEntry> => Object.fromEntries(tree);

/** The CLI's own message lines ("egressc build: …") of an output, without diagnostics the spec may carry. */
export const messages = (output: string): string =>
  output
    .split('\n')
    .filter((line) => /^egressc [a-z]+: /.test(line))
    .map((line) => `${line}\n`)
    .join('');
