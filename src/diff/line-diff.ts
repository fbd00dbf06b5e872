// A line diff (Myers' O(ND) algorithm) and its unified rendering with ---/+++ headers and @@ hunks,
// readable by patch(1) and git apply. Pure.

export type Edit = { op: 'equal' | 'delete' | 'insert'; line: string };

/** Shortest edit script turning `a` into `b` (Myers 1986, greedy forward search with a trace). */
export function diffLines(a: readonly string[], b: readonly string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Array<number>(2 * max + 3).fill(0);
  const trace: number[][] = [];
  let done = false;
  for (let d = 0; d <= max && !done; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
      let x = down ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
  }
  // walk the trace backwards from (n, m)
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK]!;
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      edits.push({ op: 'equal', line: a[--x]! });
      y--;
    }
    if (d === 0) break;
    if (down) edits.push({ op: 'insert', line: b[--y]! });
    else edits.push({ op: 'delete', line: a[--x]! });
  }
  return edits.reverse();
}

interface Lines {
  lines: string[];
  /** the text does not end with a newline (and is not empty) */
  missingFinalNewline: boolean;
}

function splitLines(text: string): Lines {
  if (text === '') return { lines: [], missingFinalNewline: false };
  const lines = text.split('\n');
  const missingFinalNewline = lines[lines.length - 1] !== '';
  if (!missingFinalNewline) lines.pop();
  return { lines, missingFinalNewline };
}

const NO_NEWLINE = '\\ No newline at end of file';

/** "-start,count" in unified format: a 1 count is omitted; an empty range names the line before it. */
function range(start: number, count: number): string {
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}

/**
 * Unified diff of one file; `undefined` stands for a missing file (/dev/null). Empty string when the
 * texts are equal.
 */
export function unifiedDiff(path: string, oldText: string | undefined, newText: string | undefined, context = 3): string {
  if (oldText === newText) return '';
  const before = splitLines(oldText ?? '');
  const after = splitLines(newText ?? '');
  // the final line differs when only one side lacks its newline: mark it so the edit shows
  const oldLines = before.lines.map((l, i) => (i === before.lines.length - 1 && before.missingFinalNewline ? `${l}\u0000` : l));
  const newLines = after.lines.map((l, i) => (i === after.lines.length - 1 && after.missingFinalNewline ? `${l}\u0000` : l));
  const edits = diffLines(oldLines, newLines);

  // positions (1-based line numbers) before each edit
  const positions: { oldLine: number; newLine: number }[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (const edit of edits) {
    positions.push({ oldLine, newLine });
    if (edit.op !== 'insert') oldLine++;
    if (edit.op !== 'delete') newLine++;
  }

  const changed = edits.map((e, i) => (e.op === 'equal' ? -1 : i)).filter((i) => i >= 0);
  const out: string[] = [`--- ${oldText === undefined ? '/dev/null' : `a/${path}`}`, `+++ ${newText === undefined ? '/dev/null' : `b/${path}`}`];
  let h = 0;
  while (h < changed.length) {
    const first = changed[h]!;
    let last = first;
    while (h + 1 < changed.length && changed[h + 1]! - last <= 2 * context + 1) last = changed[++h]!;
    h++;
    const start = Math.max(0, first - context);
    const end = Math.min(edits.length - 1, last + context);
    const slice = edits.slice(start, end + 1);
    const oldCount = slice.filter((e) => e.op !== 'insert').length;
    const newCount = slice.filter((e) => e.op !== 'delete').length;
    const at = positions[start]!;
    out.push(`@@ -${range(at.oldLine, oldCount)} +${range(at.newLine, newCount)} @@`);
    for (const edit of slice) {
      const marker = edit.op === 'equal' ? ' ' : edit.op === 'delete' ? '-' : '+';
      const missingNewline = edit.line.endsWith('\u0000');
      out.push(`${marker}${missingNewline ? edit.line.slice(0, -1) : edit.line}`);
      if (missingNewline) out.push(NO_NEWLINE);
    }
  }
  return `${out.join('\n')}\n`;
}
