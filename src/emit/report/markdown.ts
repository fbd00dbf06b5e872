// Markdown building blocks with escaping, for REPORT.md.

/** A table cell: pipes and newlines would break the row; backslashes and backticks are escaped too. */
export const cell = (text: string | number): string =>
  String(text).replace(/[\\`|*_<>[\]]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');

/** Inline code (names, addresses): a backtick fence longer than any run inside it. */
export function code(text: string | number): string {
  const value = String(text).replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

/** Inline code inside a table cell: GitHub needs the pipe escaped even within code spans. */
export const cellCode = (text: string | number): string => code(String(text).replace(/\|/g, '\\|'));

export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}
