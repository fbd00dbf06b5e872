// Quoting arbitrary text in a Markdown code block (CommonMark fenced code): the fence is a run of
// backticks longer than any run of backticks inside the text, so nothing inside (a ```mermaid block
// of REPORT.md in a patch, say) can close it early. Pure.

/** The longest run of backticks in `text`. */
export function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/** `text` as a fenced code block with the info string `language`; the text keeps every byte. */
export function fenced(text: string, language = ''): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
  const body = text === '' || text.endsWith('\n') ? text : `${text}\n`;
  return `${fence}${language}\n${body}${fence}\n`;
}
