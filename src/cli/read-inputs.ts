// The CLI's only reading of input files: the spec, the files it references, and its lock file.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { parseSpec, type AnalyzeInput, type LoadedSpec } from '../analyze.js';
import type { SourceFile } from '../load/source.js';
import { lockFileName } from '../load/lock-file-name.js';
import { referencedFiles } from '../spec/referenced-files.js';

export interface Inputs {
  input: AnalyzeInput;
  loaded: LoadedSpec;
  /** where the lock is (read from, and written to) */
  lockPath: string;
}

export type ReadResult = { ok: true; inputs: Inputs } | { ok: false; error: string };

/** Path shown in diagnostics: relative to the working directory when inside it. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

function readText(path: string, cwd: string): SourceFile | { error: string; why: string } {
  try {
    return { path: displayPath(path, cwd), text: readFileSync(path, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (code ?? 'unreadable');
    return { error: `cannot read ${displayPath(path, cwd)}: ${why}`, why };
  }
}

/**
 * Reads the spec; when it loads, also the files it references (relative to the spec) and the lock
 * (`lockOption`, else <metadata.name>.lock.yaml beside the spec) when that exists.
 */
export function readInputs(specArg: string, cwd: string, lockOption?: string): ReadResult {
  const specPath = resolve(cwd, specArg);
  const spec = readText(specPath, cwd);
  if ('error' in spec) return { ok: false, error: spec.error };
  const loaded = parseSpec(spec);
  const files = new Map<string, SourceFile>();
  const specDir = dirname(specPath);
  const lockPath = lockOption ? resolve(cwd, lockOption) : join(specDir, lockFileName(loaded.spec?.metadata.name ?? 'spec'));
  if (!loaded.spec) return { ok: true, inputs: { input: { spec, files }, loaded, lockPath } };
  // An unreadable referenced file is a spec problem (a wrong path), reported at the line naming it.
  const unreadable = new Map<string, string>();
  for (const ref of referencedFiles(loaded.spec)) {
    const file = readText(resolve(specDir, ref), cwd);
    if ('error' in file) unreadable.set(ref, file.why);
    else files.set(ref, file);
  }
  const lockFile = readText(lockPath, cwd);
  const lock = 'error' in lockFile ? undefined : lockFile;
  return {
    ok: true,
    inputs: { input: { spec, files, unreadable, ...(lock ? { lock } : {}) }, loaded, lockPath },
  };
}

/** texts of the files diagnostics point into (spec, templates, lock), for the text formatter */
export function sourcesOf(input: AnalyzeInput): Map<string, string> {
  return new Map([
    [input.spec.path, input.spec.text],
    ...[...input.files.values()].map((f) => [f.path, f.text] as [string, string]),
    ...(input.lock ? [[input.lock.path, input.lock.text] as [string, string]] : []),
  ]);
}
