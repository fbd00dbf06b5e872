// Golden files: byte-for-byte comparison; EGRESSC_UPDATE_GOLDEN=1 (npm run golden:update) rewrites them,
// and the fixtures' lock files, on a developer's machine only: under CI an update is refused, since a
// run that rewrites its own expectations cannot fail.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { expect } from 'vitest';
import type { Artifact } from '../../src/emit/types.js';
import { goldenUpdateRefusal } from './ci.js';

export const GOLDEN_ROOT = new URL('../golden/', import.meta.url).pathname;

export function updatingGolden(): boolean {
  const refusal = goldenUpdateRefusal();
  if (refusal) throw new Error(refusal);
  return process.env.EGRESSC_UPDATE_GOLDEN === '1';
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

/**
 * Compares artifacts with test/golden/<name>/ (only the files under `prefixes`, when given).
 * Extra and missing files fail too.
 */
export function expectGolden(name: string, artifacts: readonly Artifact[], prefixes: readonly string[] = ['']): void {
  const root = join(GOLDEN_ROOT, name);
  const selected = artifacts.filter((a) => prefixes.some((p) => a.path.startsWith(p)));
  const inScope = (path: string): boolean => prefixes.some((p) => path.startsWith(p));
  if (updatingGolden()) {
    for (const file of listFiles(root)) if (inScope(relative(root, file))) rmSync(file);
    for (const artifact of selected) {
      const target = join(root, artifact.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, artifact.content);
    }
    return;
  }
  const expected = listFiles(root)
    .map((file) => relative(root, file))
    .filter(inScope)
    .sort();
  expect(selected.map((a) => a.path).sort(), `golden file list of ${name} (npm run golden:update regenerates)`).toEqual(expected);
  for (const artifact of selected) {
    const golden = readFileSync(join(root, artifact.path), 'utf8');
    expect(artifact.content, `${name}/${artifact.path} differs from its golden file (npm run golden:update regenerates)`).toBe(golden);
  }
}
