// The Myers line diff and its unified rendering: minimal edit scripts, and patches that patch(1) applies.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines, unifiedDiff } from '../../src/diff/line-diff.js';
import { itWithTools } from '../support/real-tools.js';

/** Length of the longest common subsequence, by dynamic programming (the reference). */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(row[j]!, row[j - 1]!);
      diagonal = up;
    }
  }
  return row[b.length]!;
}

const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd', ''), { maxLength: 30 });
const text = fc.tuple(lines, fc.boolean()).map(([ls, finalNewline]) => (ls.length === 0 ? '' : ls.join('\n') + (finalNewline ? '\n' : '')));

describe('diffLines', () => {
  it('turns a into b with a minimal number of edits', () => {
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const edits = diffLines(a, b);
        expect(edits.filter((e) => e.op !== 'insert').map((e) => e.line)).toEqual(a);
        expect(edits.filter((e) => e.op !== 'delete').map((e) => e.line)).toEqual(b);
        expect(edits.filter((e) => e.op === 'equal').length).toBe(lcsLength(a, b));
      }),
      { numRuns: 500 },
    );
  });
});

describe('unifiedDiff', () => {
  it('renders headers, hunks with 3 lines of context, and merges close changes', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20'].join('\n') + '\n';
    const after = before.replace('2\n', 'two\n').replace('\n18\n', '\n18\n18b\n');
    expect(unifiedDiff('f.txt', before, after)).toBe(
      [
        '--- a/f.txt',
        '+++ b/f.txt',
        '@@ -1,5 +1,5 @@',
        ' 1',
        '-2',
        '+two',
        ' 3',
        ' 4',
        ' 5',
        '@@ -16,5 +16,6 @@',
        ' 16',
        ' 17',
        ' 18',
        '+18b',
        ' 19',
        ' 20',
        '',
      ].join('\n'),
    );
    expect(unifiedDiff('f.txt', 'a\n', 'a\n')).toBe('');
    expect(unifiedDiff('n.txt', undefined, 'x\ny\n')).toBe('--- /dev/null\n+++ b/n.txt\n@@ -0,0 +1,2 @@\n+x\n+y\n');
    expect(unifiedDiff('n.txt', 'x\n', undefined)).toBe('--- a/n.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n');
    expect(unifiedDiff('n.txt', 'x', 'x\n')).toBe('--- a/n.txt\n+++ b/n.txt\n@@ -1 +1 @@\n-x\n\\ No newline at end of file\n+x\n');
  });

  itWithTools(['patch'])('produces patches that patch(1) applies exactly, for random texts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'egressc-line-diff-'));
    try {
      fc.assert(
        fc.property(fc.option(text, { nil: undefined }), fc.option(text, { nil: undefined }), (before, after) => {
          fc.pre(before !== after && !(before === undefined && after === '') && !(before === '' && after === undefined));
          rmSync(join(dir, 'w'), { recursive: true, force: true });
          mkdirSync(join(dir, 'w'));
          if (before !== undefined) writeFileSync(join(dir, 'w', 'f.txt'), before);
          const patch = unifiedDiff('f.txt', before, after);
          const applied = spawnSync('patch', ['-p1', '-s', '-E', '--no-backup-if-mismatch'], { cwd: join(dir, 'w'), input: patch, encoding: 'utf8' });
          expect(applied.status, `${patch}\n${applied.stdout}${applied.stderr}`).toBe(0);
          if (after === undefined || after === '') {
            expect(existsSync(join(dir, 'w', 'f.txt')) ? readFileSync(join(dir, 'w', 'f.txt'), 'utf8') : '').toBe('');
          } else {
            expect(readFileSync(join(dir, 'w', 'f.txt'), 'utf8')).toBe(after);
          }
        }),
        { numRuns: 150 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
