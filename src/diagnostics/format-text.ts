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

function quote(text: string, line: number, col: number, end: { line: number; col: number }): string[] {
  const source = text.split(/\r?\n/)[line - 1];
  if (source === undefined) return [];
  const gutter = String(line);
  // Underline the range on its first line (at least one caret); tabs kept so the caret lines up.
  const last = end.line === line ? Math.max(end.col, col + 1) : source.length + 1;
  const width = Math.max(1, Math.min(last, source.length + 1) - col);
  const pad = source.slice(0, col - 1).replace(/[^\t]/g, ' ');
  return [`${gutter} | ${source}`, `${' '.repeat(gutter.length)} | ${pad}${'^'.repeat(width)}`];
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
