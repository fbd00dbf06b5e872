// Every file in fixtures/invalid records "# expect: <code> at <line>:<col>" on its second line; the real
// CLI must report exactly that, exit 1 (0 for a fixture whose only finding is a warning or a note), and
// print no stack trace. A finding in a side file names it: "at <file>:<line>:<col>" (the file beside the
// spec, e.g. its lock). Side files are not fixtures: `<metadata.name>.lock.yaml` (the lock `validate`
// reads beside the spec) and templates/ (the BIRD templates the specs name).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { docSection } from '../support/docs.js';
import { FIXTURES, isFixtureSpec } from '../support/fixtures.js';
import { runCli, STACK_LINE, type CliResult } from './cli-runner.js';
import { GENERATED_CODES } from '../hostile/generated-codes.js';

const INVALID = join(FIXTURES, 'invalid');
const EXPECT = /^# expect: ([a-z0-9-]+) at (?:([a-z0-9.-]+):)?(\d+):(\d+)(?: \((warning|info)\))?$/;

interface Expectation {
  file: string;
  /** where the finding is: the spec, or a side file beside it */
  at: string;
  code: string;
  line: number;
  col: number;
  severity: 'error' | 'warning' | 'info';
}

const expectations: Expectation[] = readdirSync(INVALID)
  .filter(isFixtureSpec)
  .sort()
  .map((name) => {
    const header = readFileSync(join(INVALID, name), 'utf8').split('\n')[1] ?? '';
    const match = EXPECT.exec(header);
    if (!match) throw new Error(`fixtures/invalid/${name}: second line must be "# expect: <code> at <line>:<col>"`);
    const [, code, sideFile, line, col, severity] = match;
    return {
      file: `fixtures/invalid/${name}`,
      at: `fixtures/invalid/${sideFile ?? name}`,
      code: code!,
      line: Number(line),
      col: Number(col),
      severity: severity === 'warning' || severity === 'info' ? severity : 'error',
    };
  });

const results = new Map<string, CliResult>();

// A few processes at a time: the machine has two cores.
beforeAll(async () => {
  const queue = [...expectations];
  const worker = async () => {
    for (let e = queue.shift(); e; e = queue.shift()) results.set(e.file, await runCli(['validate', e.file]));
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}, 180_000);

describe('fixtures/invalid', () => {
  it.each(expectations)('$file reports $code at $line:$col', (e) => {
    const result = results.get(e.file)!;
    expect(result.stderr).toContain(`${e.at}:${e.line}:${e.col}: ${e.severity}[${e.code}]`);
    expect(result.code).toBe(e.severity === 'error' ? 1 : 0);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.stdout).toBe('');
  });

  it('covers every diagnostic code documented in docs/diagnostics.md', () => {
    const section = docSection('diagnostics', 'diagnostics');
    const documented = [...section.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]!);
    // input built to hurt: fixtures/hostile (same header), and what test/hostile/corpus.test.ts makes at test time
    const hostile = readdirSync(join(FIXTURES, 'hostile'))
      .filter(isFixtureSpec)
      .map((name) => EXPECT.exec(readFileSync(join(FIXTURES, 'hostile', name), 'utf8').split('\n')[1] ?? '')?.[1]);
    const covered = new Set([...expectations.map((e) => e.code), ...hostile.filter((c): c is string => c !== undefined), ...GENERATED_CODES]);
    expect(documented.length).toBeGreaterThan(30);
    expect(documented.filter((code) => !covered.has(code))).toEqual([]);
    expect([...covered].filter((code) => !documented.includes(code))).toEqual([]);
  });
});
