// Tests that run the built CLI (bin/egressc.js → dist/) must never run a stale build: the bundle has to
// be newer than every source it is built from. `npm test` builds first; a developer who edits src/ and
// runs a CLI test alone gets this error instead of results from yesterday's code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from './fixtures.js';

/** The file the build writes last (scripts/bundle-cli.mjs runs after tsc). */
const BUNDLE_ENTRY = join('dist', 'bundle', 'main.js');
/** What dist/ is built from (templates/ is read at run time, not built). */
const BUILD_INPUTS = ['src', 'scripts/bundle-cli.mjs', 'tsconfig.json', 'tsconfig.build.json'];

function newest(path: string): { path: string; mtimeMs: number } {
  const stat = statSync(path);
  if (!stat.isDirectory()) return { path, mtimeMs: stat.mtimeMs };
  return readdirSync(path)
    .map((entry) => newest(join(path, entry)))
    .reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a), { path, mtimeMs: 0 });
}

/** Why the build under `root` cannot be trusted, or undefined when its dist/ is newer than all its inputs. */
export function staleBuild(root: string = REPO_ROOT): string | undefined {
  const bundle = join(root, BUNDLE_ENTRY);
  if (!existsSync(bundle)) return `${BUNDLE_ENTRY} is missing`;
  const built = statSync(bundle).mtimeMs;
  const inputs = BUILD_INPUTS.map((input) => join(root, input)).filter((path) => existsSync(path));
  const source = inputs.map(newest).reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a), { path: root, mtimeMs: 0 });
  return source.mtimeMs > built ? `${relative(root, source.path)} is newer than ${BUNDLE_ENTRY}` : undefined;
}

/** Throws (failing the test file that imports the CLI runner) when dist/ is older than its sources. */
export function requireFreshBuild(): void {
  const stale = staleBuild();
  if (stale) throw new Error(`The built CLI is stale: ${stale}. Run \`npm run build\` (npm test builds first).`);
}
