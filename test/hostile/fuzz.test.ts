// Fuzzing with a stated budget (run in CI by `npm test`): fast-check mutations of every fixture (byte
// flips, line deletions and duplications, value swaps, deep nesting, huge strings), random bytes and
// random YAML go through validate, build and check. Each case must end with exit 0, 1 or 2, print no
// stack trace and no "internal error", write nothing outside its workspace, and finish (a generous
// bound that only a hang or a runaway allocation breaks, not a performance assertion).
// Budget (at least 10,000 cases per run, printed): FUZZ_IN_PROCESS cases through the CLI's main() (one
// process, the whole pipeline), FUZZ_PROCESSES cases as real processes with a heap cap (they catch what
// kills a process: V8 aborts, stack or heap exhaustion) and GUARD_RUNS runs of each property of the
// depth and size guards (pure, fast). FUZZ_N scales the in-process share for a longer local run.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseAllDocuments, stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { decodeBytes } from '../../src/load/decode.js';
import { MAX_NESTING_DEPTH } from '../../src/load/limits.js';
import { nestingBeyond } from '../../src/load/nesting.js';
import { FIXTURES, REPO_ROOT } from '../support/fixtures.js';
import { STACK_LINE } from '../foundation/cli-runner.js';
import { mutatedFixture } from './mutations.js';

const FUZZ_IN_PROCESS = Number(process.env['FUZZ_N'] ?? 1_500);
const FUZZ_PROCESSES = 24;
const GUARD_RUNS = 4_300;
/** Per case: only a hang reaches this (a 190 KB line of quotes takes seconds on a loaded machine). */
const HANG_MS = 90_000;
/** Heap of each fuzzed process: the compiler needs a few tens of MiB. */
const PROCESS_HEAP_MIB = 512;

let casesRun = 0;
afterAll(() => console.log(`fuzz: ${casesRun} cases in total`));

const TEMPLATES = join(FIXTURES, 'seed', 'templates');

const randomBytes = fc.uint8Array({ maxLength: 4096 }).map((a) => Buffer.from(a));
const randomYaml = fc.jsonValue({ maxDepth: 8 }).map((v) => Buffer.from(stringify(v) ?? ''));
const specBytes = fc.oneof({ arbitrary: mutatedFixture, weight: 8 }, { arbitrary: randomBytes, weight: 1 }, { arbitrary: randomYaml, weight: 1 });

type Command = 'validate' | 'build' | 'check';
/** build writes a whole tree; most cases stop at the spec anyway */
const command = fc.constantFrom<Command>('validate', 'validate', 'validate', 'validate', 'validate', 'validate', 'build', 'check');
const argsFor = (c: Command): string[] => (c === 'validate' ? ['validate', 'topology.yaml'] : [c, 'topology.yaml', '--out', 'out']);

// ---- workspaces -----------------------------------------------------------------------------------
const scratch = mkdtempSync(join(tmpdir(), 'egressc-fuzz-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A folder holding only the workspace (spec + templates): anything else appearing in it was written outside. */
function workspace(name: string): { root: string; dir: string } {
  const root = join(scratch, name);
  const dir = join(root, 'ws');
  mkdirSync(dir, { recursive: true });
  cpSync(TEMPLATES, join(dir, 'templates'), { recursive: true });
  return { root, dir };
}

function expectWellBehaved(code: number | null, output: string, root: string, what: string): void {
  expect([0, 1, 2], `${what}: exit ${code}\n${output.slice(0, 1000)}`).toContain(code);
  expect(output, what).not.toMatch(STACK_LINE);
  expect(output, what).not.toContain('internal error');
  expect(readdirSync(root), `${what}: wrote outside its workspace`).toEqual(['ws']);
}

describe(`fuzzing: ${FUZZ_IN_PROCESS} cases in process, ${FUZZ_PROCESSES} as processes`, () => {
  it(`${FUZZ_IN_PROCESS} mutated fixtures, random bytes and random YAML through main()`, async () => {
    const { root, dir } = workspace('in-process');
    let cases = 0;
    const exits = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(specBytes, command, async (bytes, c) => {
        cases++;
        writeFileSync(join(dir, 'topology.yaml'), bytes);
        let output = '';
        const io = { stdout: (t: string) => void (output += t), stderr: (t: string) => void (output += t), cwd: dir };
        const started = performance.now();
        const code = await main(argsFor(c), io);
        const elapsed = performance.now() - started;
        exits.set(code, (exits.get(code) ?? 0) + 1);
        expectWellBehaved(code, output, root, `${c} case ${cases}`);
        expect(elapsed, `${c} case ${cases} hung`).toBeLessThan(HANG_MS);
        for (const name of readdirSync(dir)) if (name !== 'templates') rmSync(join(dir, name), { recursive: true, force: true });
      }),
      { numRuns: FUZZ_IN_PROCESS, seed: Number(process.env['EGRESSC_FUZZ_SEED'] ?? Date.now() % 2 ** 31) },
    );
    console.log(`fuzz: ${cases} cases through main() (exits: ${[...exits].sort().map(([k, v]) => `${k}×${v}`).join(', ')})`);
    expect(cases).toBe(FUZZ_IN_PROCESS);
    casesRun += cases;
  }, 900_000);

  it(`${FUZZ_PROCESSES} cases as real processes (a V8 abort or a hang fails)`, async () => {
    const samples = fc.sample(fc.tuple(specBytes, command), { numRuns: FUZZ_PROCESSES - 4, seed: 1 });
    // the worst known inputs, always: deep nesting, a huge line, binary noise, a device-sized claim
    const worst: [Buffer, Command][] = [
      [Buffer.from(`a: ${'['.repeat(7000)}${']'.repeat(7000)}\n`), 'build'],
      [Buffer.from(`a: ${'- '.repeat(20_000)}x\n`), 'check'],
      [Buffer.from(`metadata: {description: ${'x'.repeat(3_000_000)}}\n`), 'build'],
      [Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), 'validate'],
    ];
    const cases = [...samples, ...worst];
    let run = 0;
    const queue = cases.map((c, i) => ({ c, i }));
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [bytes, c] = next.c;
        const { root, dir } = workspace(`process-${next.i}`);
        writeFileSync(join(dir, 'topology.yaml'), bytes);
        const { code, output } = await runBounded(argsFor(c), dir);
        if (code !== 0 && code !== 1 && code !== 2) writeFileSync(join(tmpdir(), `egressc-fuzz-failure-${next.i}.yaml`), bytes);
        expectWellBehaved(code, output, root, `${c} process case ${next.i}`);
        run++;
      }
    };
    await Promise.all([worker(), worker()]);
    console.log(`fuzz: ${run} cases as processes`);
    expect(run).toBe(FUZZ_PROCESSES);
    casesRun += run;
  }, 900_000);
});

/** The built CLI with a heap cap and a kill after HANG_MS: a crash or a hang shows as a wrong exit. */
function runBounded(args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${PROCESS_HEAP_MIB}`, join(REPO_ROOT, 'bin', 'egressc.js'), ...args], { cwd, timeout: HANG_MS, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('the depth and size guards (fast-check)', () => {
  /** A nested value of known depth, written by the YAML library in block, flow or mixed style. */
  const nested = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.constant('x'), fc.array(tie('node'), { minLength: 1, maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('node'), { minKeys: 1, maxKeys: 3 })),
  })).node;
  const chain = fc.tuple(fc.integer({ min: 1, max: 130 }), fc.array(fc.constantFrom<'seq' | 'map'>('seq', 'map'), { minLength: 1, maxLength: 4 })).map(([n, kinds]) => {
    let value: unknown = 'leaf';
    for (let i = 0; i < n; i++) value = kinds[i % kinds.length] === 'seq' ? [value] : { k: value };
    return value;
  });
  const depthOf = (value: unknown): number => {
    let max = 0;
    const stack: [unknown, number][] = [[value, 0]];
    while (stack.length > 0) {
      const [v, d] = stack.pop()!;
      if (v !== null && typeof v === 'object') {
        max = Math.max(max, d + 1);
        for (const child of Object.values(v)) stack.push([child, d + 1]);
      }
    }
    return max;
  };
  const style = fc.record({ flow: fc.boolean(), indent: fc.integer({ min: 1, max: 4 }), indentSeq: fc.boolean() });

  it('never lets a document deeper than the limit through, and passes every document of ordinary depth', () => {
    fc.assert(
      fc.property(fc.oneof(nested, chain), style, (value, s) => {
        const text = stringify(value, { collectionStyle: s.flow ? 'flow' : 'any', indent: s.indent, indentSeq: s.indentSeq, lineWidth: 0 });
        const depth = depthOf(parseAllDocuments(text).map((d) => d.toJS({ maxAliasCount: -1 }) as unknown)[0]);
        const refused = nestingBeyond(text) !== undefined;
        if (depth > MAX_NESTING_DEPTH) expect(refused, text.slice(0, 200)).toBe(true);
        if (depth <= 20) expect(refused, text.slice(0, 200)).toBe(false);
      }),
      { numRuns: GUARD_RUNS },
    );
    casesRun += GUARD_RUNS;
  });

  it('refuses a file above its size limit and decodes every file up to it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4096 }), fc.integer({ min: -3, max: 3 }), (limit, delta) => {
        const length = Math.max(0, limit + delta);
        const decoded = decodeBytes(Buffer.alloc(length, 'a'), limit);
        expect('problem' in decoded && decoded.problem.kind === 'too-large').toBe(length > limit);
      }),
      { numRuns: GUARD_RUNS },
    );
    casesRun += GUARD_RUNS;
  });

  it('runs at least 10,000 cases in all', () => {
    expect(casesRun).toBeGreaterThanOrEqual(10_000);
  });
});
