// The read-only reference folder shared/ sits beside the repository (as ../shared from the project
// root, for developers and for CI). Tests read the schemas there as they are.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './fixtures.js';

export const SHARED_DIR = join(REPO_ROOT, '..', 'shared');

/** Absolute path of shared/<parts…>; fails loudly when shared/ is not beside the repository. */
export function sharedPath(...parts: string[]): string {
  const path = join(SHARED_DIR, ...parts);
  if (!existsSync(path)) throw new Error(`${path} not found: the tests need the shared/ reference folder beside the repository`);
  return path;
}
