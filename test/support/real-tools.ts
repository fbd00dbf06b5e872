// Real-tool tests: in CI (CI=true) a missing tool fails the test; locally the test is skipped, loudly.
import { spawnSync } from 'node:child_process';
import { it } from 'vitest';
import { inCi } from './ci.js';

export { inCi } from './ci.js';

export function toolPath(name: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path ? path : undefined;
}

export const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * `it` when every tool is present; otherwise a failing test in CI and a loudly skipped one locally.
 * Install the tools with `.ci/install-tools.sh` (root).
 */
export function itWithTools(tools: readonly string[]): typeof it {
  return itUnlessMissing(tools.filter((tool) => !toolPath(tool)));
}

/** Like itWithTools, for modules of Debian's /usr/bin/python3 (e.g. `gi`, from the package python3-gi). */
export function itWithPythonModules(modules: readonly string[]): typeof it {
  const importable = (module: string): boolean => spawnSync('/usr/bin/python3', ['-c', `import ${module}`]).status === 0;
  return itUnlessMissing(modules.filter((module) => !importable(module)).map((module) => `python3 module ${module}`));
}

/** `it` when nothing is missing; otherwise failing in CI, loudly skipped elsewhere (the reason names what is missing). */
export function itUnlessMissing(missing: readonly string[]): typeof it {
  if (missing.length === 0) return it;
  const reason = `missing real tool(s): ${missing.join(', ')} (run .ci/install-tools.sh as root)`;
  if (inCi()) {
    return ((name: string) =>
      it(name, () => {
        throw new Error(reason);
      })) as unknown as typeof it;
  }
  console.warn(`\n!!! SKIPPING real-tool tests: ${reason}\n`);
  return it.skip as unknown as typeof it;
}
