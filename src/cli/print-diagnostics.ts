// Diagnostics output for build/check/diff. Interim: the foundation's src/diagnostics/format-*.ts
// replaces the rendering when it lands; the formats and their names stay.
import type { Diagnostic } from '../diagnostics/types.js';

export type OutputFormat = 'text' | 'json' | 'github';

const location = (d: Diagnostic): string =>
  d.file ? `${d.file}${d.range ? `:${d.range.start.line}:${d.range.start.col}` : ''}: ` : '';

/** GitHub workflow-command escaping: data and property values. */
export const githubData = (text: string): string => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const githubProperty = (text: string): string => githubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatDiagnostic(d: Diagnostic, format: Exclude<OutputFormat, 'json'>): string {
  if (format === 'github') {
    const level = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
    const props = [
      ...(d.file ? [`file=${githubProperty(d.file)}`] : []),
      ...(d.range ? [`line=${d.range.start.line}`, `col=${d.range.start.col}`] : []),
      `title=${githubProperty(d.code)}`,
    ];
    return `::${level} ${props.join(',')}::${githubData(d.message + (d.hint ? ` (${d.hint})` : ''))}\n`;
  }
  return `${location(d)}${d.severity}[${d.code}]: ${d.message}\n${d.hint ? `  hint: ${d.hint}\n` : ''}`;
}

export function formatDiagnostics(diagnostics: readonly Diagnostic[], format: OutputFormat): string {
  if (format === 'json') return `${JSON.stringify({ diagnostics }, null, 2)}\n`;
  return diagnostics.map((d) => formatDiagnostic(d, format)).join('');
}
