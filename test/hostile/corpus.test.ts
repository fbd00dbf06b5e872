// Input built to hurt. Every file in fixtures/hostile records "# expect: <code> at <line>:<col>" on its
// second line, as fixtures/invalid does; validate AND build (the same reading code) must report exactly
// that, exit 1, print no stack trace and write nothing. Files that cannot live in Git (UTF-16, invalid
// UTF-8, CRLF, megabytes, FIFOs, devices, sockets, symbolic links) are made in a temporary copy of the
// seed by test/hostile/generated-cases.ts, which the agreement test shares.
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, isFixtureSpec } from '../support/fixtures.js';
import { runCli, STACK_LINE, type CliResult } from '../foundation/cli-runner.js';
import { GENERATED_CASES, makeCase, SEED_LOCK } from './generated-cases.js';
import { GENERATED_CODES } from './generated-codes.js';

const HOSTILE = join(FIXTURES, 'hostile');
const EXPECT = /^# expect: ([a-z0-9-]+) at (\d+):(\d+)$/;

const corpus = readdirSync(HOSTILE)
  .filter(isFixtureSpec)
  .sort()
  .map((name) => {
    const header = readFileSync(join(HOSTILE, name), 'utf8').split('\n')[1] ?? '';
    const match = EXPECT.exec(header);
    if (!match) throw new Error(`fixtures/hostile/${name}: second line must be "# expect: <code> at <line>:<col>"`);
    return { file: `fixtures/hostile/${name}`, code: match[1]!, line: Number(match[2]), col: Number(match[3]) };
  });

const scratch = mkdtempSync(join(tmpdir(), 'egressc-hostile-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs validate and build on the same input; build writes into a fresh folder that must stay absent. */
async function both(spec: string, cwd?: string, extra: string[] = []): Promise<{ validate: CliResult; build: CliResult; out: string }> {
  const out = mkdtempSync(join(scratch, 'out-'));
  rmSync(out, { recursive: true });
  const [validate, build] = await Promise.all([runCli(['validate', spec], cwd), runCli(['build', spec, '--out', out, ...extra], cwd)]);
  return { validate, build, out };
}

const seen = new Set<string>();

function expectDiagnostic(result: CliResult, where: string, code: string): void {
  seen.add(code);
  expect(result.stderr, result.stderr.slice(0, 2000)).toContain(`${where}: error[${code}]`);
  expect(result.code).toBe(1);
  expect(result.stderr).not.toMatch(STACK_LINE);
  expect(result.stderr).not.toContain('internal error');
}

describe('fixtures/hostile', () => {
  const results = new Map<string, Awaited<ReturnType<typeof both>>>();
  beforeAll(async () => {
    const queue = [...corpus];
    const worker = async () => {
      for (let e = queue.shift(); e; e = queue.shift()) results.set(e.file, await both(e.file));
    };
    await Promise.all([worker(), worker()]);
  }, 180_000);

  it.each(corpus)('$file: validate and build report $code at $line:$col', (e) => {
    const { validate, build, out } = results.get(e.file)!;
    for (const result of [validate, build]) expectDiagnostic(result, `${e.file}:${e.line}:${e.col}`, e.code);
    // the same diagnostics, in the same words, from both commands
    expect(build.stderr).toBe(validate.stderr);
    expect(existsSync(out)).toBe(false);
  });

  it('never echoes a huge line: code frames are cut around the column', () => {
    const { validate } = results.get('fixtures/hostile/nesting-flow.yaml')!;
    for (const line of validate.stderr.split('\n')) expect(line.length).toBeLessThan(200);
    expect(validate.stderr).toContain('…');
  });

  it('names the real range of an ASN, not JavaScript\'s safe integers', () => {
    const { validate } = results.get('fixtures/hostile/asn-2-64.yaml')!;
    expect(validate.stderr).toContain('at most 4294967295');
    expect(validate.stderr).not.toContain('9007199254740991');
  });
});

describe('input made at test time (test/hostile/generated-cases.ts)', () => {
  it.each(GENERATED_CASES.filter((c) => !c.skip))('$name', async (c) => {
    const { dir, undo } = await makeCase(c, scratch);
    // a digest: comparing megabytes element by element is slow
    const specDigest = (): string | undefined => {
      const path = resolve(dir, c.spec);
      return existsSync(path) && lstatSync(path).isFile() ? createHash('sha256').update(readFileSync(path)).digest('hex') : undefined;
    };
    const specBefore = specDigest();
    // build is pointed at the lock validate reads beside the spec (the agreement test does the same)
    const { validate, build, out } = await both(c.spec, dir, ['--lock', SEED_LOCK]).finally(undo);
    const { expected } = c;
    for (const result of [validate, build]) {
      expect(result.stderr).not.toMatch(STACK_LINE);
      expect(result.stderr).not.toContain('internal error');
      expect(result.stderr).not.toContain('\u0000');
      if (expected.kind === 'diagnostic') {
        expectDiagnostic(result, expected.at, expected.code);
        if (expected.message) expect(result.stderr).toMatch(expected.message);
      } else if (expected.kind === 'unreadable') {
        expect(result.code, result.stderr).toBe(2);
        expect(result.stderr).toContain(expected.message);
      }
    }
    if (expected.kind === 'valid') {
      expect(validate.stderr).toBe(`${c.spec}: valid\n`);
      expect(build.code, build.stderr).toBe(0);
      return;
    }
    // the same diagnostics, in the same words, from both commands
    if (expected.kind === 'diagnostic' && c.sameWordsAcrossProcesses !== false) expect(build.stderr).toBe(validate.stderr);
    // nothing written, and the input left alone
    expect(existsSync(out)).toBe(false);
    expect(specDigest()).toBe(specBefore);
  });
});

describe('coverage', () => {
  it('reports every code that only input made at test time can produce', () => {
    expect(GENERATED_CODES.filter((code) => !seen.has(code))).toEqual([]);
  });
});
