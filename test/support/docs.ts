// The reference documentation lives in docs/; tests that keep it true read a page, or a marked section of it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './fixtures.js';

export function readDoc(page: string): string {
  return readFileSync(join(REPO_ROOT, 'docs', `${page}.md`), 'utf8');
}

/** The text between `<!-- section:NAME -->` and `<!-- /section:NAME -->` of a docs page. */
export function docSection(page: string, name: string): string {
  const text = readDoc(page);
  const start = text.indexOf(`<!-- section:${name} -->`);
  const end = text.indexOf(`<!-- /section:${name} -->`);
  if (start < 0 || end < 0) throw new Error(`docs/${page}.md has no section "${name}"`);
  return text.slice(start, end);
}
