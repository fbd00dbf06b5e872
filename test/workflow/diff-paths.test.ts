// diff's paths are repository-relative whatever --out is, so `git apply` takes the patch at the
// repository root; --format markdown quotes the patch in a fence no line inside it can close.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Lexer, type Tokens } from 'marked';
import { afterEach, describe, expect, it } from 'vitest';
import { fenced, longestBacktickRun } from '../../src/diff/markdown-fence.js';
import { itWithTools } from '../support/real-tools.js';
import { editSpec, egressc, workspace } from './cli-support.js';

const others: string[] = [];
afterEach(() => {
  for (const dir of others.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const git = (cwd: string, args: string[], input?: string): ReturnType<typeof spawnSync> =>
  spawnSync('git', args, { cwd, encoding: 'utf8', ...(input === undefined ? {} : { input }) });

/** A Git repository holding the seed spec, its output built and committed. */
function repository(): string {
  const repo = workspace('seed');
  for (const args of [['init', '-q'], ['config', 'user.email', 't@example.com'], ['config', 'user.name', 't']]) expect(git(repo, args).status).toBe(0);
  expect(egressc(['build', 'topology.yaml', '--out', 'out'], repo).status).toBe(0);
  expect(git(repo, ['add', '-A']).status).toBe(0);
  expect(git(repo, ['commit', '-qm', 'base']).status).toBe(0);
  editSpec(repo, (doc) => doc.deleteIn(['spec', 'clusters', 0, 'peeringNodes', 1]));
  return repo;
}

const patchOf = (stdout: string): string => stdout.slice(stdout.indexOf('## Patch\n\n') + '## Patch\n\n'.length);

describe('diff paths', () => {
  const withGit = itWithTools(['git']);
  withGit('are relative to the repository root with an absolute --out from anywhere, and git apply --check takes them', () => {
    const repo = repository();
    const elsewhere = mkdtempSync(join(tmpdir(), 'egressc-elsewhere-'));
    others.push(elsewhere);
    const run = egressc(['diff', join(repo, 'topology.yaml'), '--out', join(repo, 'out')], elsewhere);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('--- a/out/REPORT.md\n+++ b/out/REPORT.md\n');
    expect(run.stdout).toContain('--- a/seed.lock.yaml\n+++ b/seed.lock.yaml\n');
    expect(run.stdout).toMatch(/- removed: `out\/[^`]*worker-2[^`]*`/);
    expect(run.stdout).not.toContain(repo);
    const fromSubfolder = egressc(['diff', '../topology.yaml', '--out', '../out'], join(repo, 'templates'));
    expect(fromSubfolder.stdout).toBe(run.stdout);
    const check = git(repo, ['apply', '--check', '-'], patchOf(run.stdout));
    expect(check.status, String(check.stderr)).toBe(0);
  });
});

describe('diff --format markdown', () => {
  it('puts the whole patch in one fenced block a Markdown parser reads back byte for byte', () => {
    // before the first build: every file is added, REPORT.md with its ```mermaid diagram
    const repo = workspace('seed');
    const text = egressc(['diff', 'topology.yaml', '--out', 'out'], repo);
    const markdown = egressc(['diff', 'topology.yaml', '--out', 'out', '--format', 'markdown'], repo);
    expect(markdown.status).toBe(1);
    const patch = patchOf(text.stdout);
    expect(patch).toContain('```mermaid'); // REPORT.md's diagram fence is inside the patch
    const tokens = Lexer.lex(markdown.stdout);
    const code = tokens.filter((t): t is Tokens.Code => t.type === 'code');
    expect(code).toHaveLength(1);
    expect(code[0]!.lang).toBe('diff');
    expect(`${code[0]!.text}\n`).toBe(patch);
    expect(markdown.stdout).toContain('<details><summary>Patch</summary>');
    expect(markdown.stdout.startsWith(text.stdout.slice(0, text.stdout.indexOf('## Patch')))).toBe(true);
  });
});

describe('fenced', () => {
  it('uses a fence longer than any backtick run inside, so no inner line closes it', () => {
    const inner = ' ```\n ````mermaid\n+`x`\n';
    expect(longestBacktickRun(inner)).toBe(4);
    const block = fenced(inner, 'diff');
    expect(block).toBe(`\`\`\`\`\`diff\n${inner}\`\`\`\`\`\n`);
    const code = Lexer.lex(block).filter((t): t is Tokens.Code => t.type === 'code');
    expect(code.map((c) => `${c.text}\n`)).toEqual([inner]);
    expect(fenced('plain')).toBe('```\nplain\n```\n');
  });
});
