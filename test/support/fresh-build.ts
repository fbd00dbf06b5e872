// Tests that run the built CLI (bin/egressc.js → dist/) must never run a stale build: every file of
// dist/ has to be newer than every source it is built from (`npm run build` empties dist/ first, so its
// oldest file marks when the build started). `npm test` builds first; a developer who edits src/ and runs
// a CLI test alone gets this error instead of results from the code before the edit.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from './fixtures.js';

/** What dist/ is built from: the sources, the templates the bundle precompiles, the build scripts. */
const BUILD_INPUTS = ['src', 'templates', 'scripts/bundle-cli.mjs', 'tsconfig.json', 'tsconfig.build.json'];

interface Stamp {
  path: string;
  mtimeMs: number;
}

function files(path: string): Stamp[] {
  const stat = statSync(path);
  if (!stat.isDirectory()) return [{ path, mtimeMs: stat.mtimeMs }];
  return readdirSync(path).flatMap((entry) => files(join(path, entry)));
}

/** Why the build under `root` cannot be trusted, or undefined when its dist/ is newer than all its inputs. */
export function staleBuild(root: string = REPO_ROOT): string | undefined {
  const dist = join(root, 'dist');
  const built = existsSync(dist) ? files(dist) : [];
  if (built.length === 0) return 'dist/ is missing or empty';
  const oldest = built.reduce((a, b) => (b.mtimeMs < a.mtimeMs ? b : a));
  const inputs = BUILD_INPUTS.map((input) => join(root, input)).filter((path) => existsSync(path)).flatMap(files);
  const newest = inputs.reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a), { path: root, mtimeMs: 0 });
  return newest.mtimeMs > oldest.mtimeMs ? `${relative(root, newest.path)} is newer than ${relative(root, oldest.path)}` : undefined;
}

/** Throws (failing the test file that imports the CLI runner) when dist/ is older than its sources. */
export function requireFreshBuild(): void {
  const stale = staleBuild();
  if (stale) throw new Error(`The built CLI is stale: ${stale}. Run \`npm run build\` (npm test builds first).`);
}
