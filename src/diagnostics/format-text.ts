// Human format: FILE:LINE:COL: error[code]: message, the offending line with a caret, the hint, and
// a summary line ("2 errors, 1 warning").
import type { Diagnostic } from './types.js';

/** Source texts by the file path used in diagnostics, to quote the offending line. */
export type Sources = ReadonlyMap<string, string>;

export function formatText(diagnostics: readonly Diagnostic[], sources: Sources = new Map()): string {
  const blocks = diagnostics.map((d) => formatOne(d, sources));
  return [...blocks, summary(diagnostics)].join('\n') + '\n';
}

function formatOne(d: Diagnostic, sources: Sources): string {
  const where = d.file ? (d.range ? `${d.file}:${d.range.start.line}:${d.range.start.col}` : d.file) : 'egressc';
  const lines = [`${where}: ${d.severity}[${d.code}]: ${d.message}`];
  const text = d.file !== undefined ? sources.get(d.file) : undefined;
  if (text !== undefined && d.range) lines.push(...quote(text, d.range.start.line, d.range.start.col, d.range.end));
  if (d.hint) lines.push(`  hint: ${d.hint}`);
  return lines.join('\n');
}

/** Source lines longer than this are shown as a window around the column, cut with "…". */
export const MAX_FRAME_WIDTH = 120;
/** How much of the line before the column the window shows. */
const CONTEXT_BEFORE = 40;

function quote(text: string, line: number, col: number, end: { line: number; col: number }): string[] {
  const source = lineAt(text, line);
  if (source === undefined) return [];
  const gutter = String(line);
  // Underline the range on its first line (at least one caret); tabs kept so the caret lines up.
  const last = end.line === line ? Math.max(end.col, col + 1) : source.length + 1;
  // A long line (a minified or hostile file) is cut to a window around the column.
  const from = source.length <= MAX_FRAME_WIDTH ? 0 : Math.max(0, Math.min(col - 1 - CONTEXT_BEFORE, source.length - MAX_FRAME_WIDTH));
  const to = Math.min(source.length, from + MAX_FRAME_WIDTH);
  const head = from > 0 ? '…' : '';
  const shown = head + printable(source.slice(from, to)) + (to < source.length ? '…' : '');
  const start = Math.min(col - 1, to) - from;
  const width = Math.max(1, Math.min(last - 1, to + 1) - (col - 1));
  const pad = head.replace(/./g, ' ') + printable(source.slice(from, from + start)).replace(/[^\t]/g, ' ');
  return [`${gutter} | ${shown}`, `${' '.repeat(gutter.length)} | ${pad}${'^'.repeat(Math.min(width, MAX_FRAME_WIDTH))}`];
}

/** The line-th line (1-based) without splitting the whole text: a file can be megabytes of one line. */
function lineAt(text: string, line: number): string | undefined {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', start);
    if (next === -1) return undefined;
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  const raw = text.slice(start, end === -1 ? undefined : end);
  return raw.endsWith('\r') ? raw.slice(0, -1) : raw;
}

/** Control characters (other than tab) would act on the terminal: each is shown as "?", one column wide. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '?');
}

export function summary(diagnostics: readonly Diagnostic[]): string {
  const count = (severity: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === severity).length;
  const parts = [plural(count('error'), 'error'), plural(count('warning'), 'warning')];
  const infos = count('info');
  if (infos > 0) parts.push(plural(infos, 'note'));
  return parts.join(', ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
