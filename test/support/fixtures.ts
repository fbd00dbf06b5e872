// Reads a fixture spec (and the files it references, and its lock if present) and compiles it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { compile, loadSpec, referencedFiles, type CompileOutput } from '../../src/compile.js';
import type { SourceFile } from '../../src/load/source.js';
import { lockFileName } from '../../src/load/lock-file-name.js';

export const REPO_ROOT = new URL('../../', import.meta.url).pathname;
export const FIXTURES = join(REPO_ROOT, 'fixtures');

export function readSource(path: string): SourceFile {
  return { path: relative(REPO_ROOT, path), text: readFileSync(path, 'utf8') };
}

/** Compile fixtures/<name>.yaml or a path; uses <spec name>.lock.yaml beside it when present and `useLock`. */
export function compileFixture(specPath: string, options: { useLock?: boolean; specText?: string } = {}): CompileOutput {
  const absolute = specPath.startsWith('/') ? specPath : join(FIXTURES, specPath);
  const spec: SourceFile = options.specText !== undefined ? { path: relative(REPO_ROOT, absolute), text: options.specText } : readSource(absolute);
  const loaded = loadSpec(spec);
  const files = new Map<string, SourceFile>();
  if (loaded.spec) {
    for (const ref of referencedFiles(loaded.spec)) {
      const full = join(dirname(absolute), ref);
      if (existsSync(full)) files.set(ref, readSource(full));
    }
  }
  let lock: SourceFile | undefined;
  if (options.useLock && loaded.spec) {
    const lockPath = join(dirname(absolute), lockFileName(loaded.spec.metadata.name));
    if (existsSync(lockPath)) lock = readSource(lockPath);
  }
  return compile({ spec, files, ...(lock ? { lock } : {}) });
}

/**
 * A spec among the fixtures, not a side file: a lock (`<metadata.name>.lock.yaml`, which `validate`
 * reads beside the spec) is not a spec, and templates live in folders.
 */
export const isFixtureSpec = (name: string): boolean => name.endsWith('.yaml') && !name.endsWith('.lock.yaml');
