// GitHub Actions workflow commands, so problems show as annotations on the pull request:
//   ::error file=F,line=L,col=C,endLine=…,endColumn=…,title=egressc code::message (hint)
import type { Diagnostic } from './types.js';

const COMMAND: Record<Diagnostic['severity'], string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escaping of a command's message, per GitHub's workflow-command rules (%, CR, LF). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a property value: the message rules plus ":" and ",", which delimit properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function formatOne(d: Diagnostic): string {
  const properties: [string, string | number][] = [];
  if (d.file !== undefined) properties.push(['file', d.file]);
  if (d.range) {
    properties.push(['line', d.range.start.line], ['col', d.range.start.col]);
    properties.push(['endLine', d.range.end.line], ['endColumn', d.range.end.col]);
  }
  properties.push(['title', `egressc ${d.code}`]);
  const props = properties.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  const message = d.hint ? `${d.message} (${d.hint})` : d.message;
  return `::${COMMAND[d.severity]} ${props}::${escapeData(message)}`;
}

export function formatGithub(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `${formatOne(d)}\n`).join('');
}
