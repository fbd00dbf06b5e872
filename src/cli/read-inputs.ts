// The CLI's only reading of input files: the spec, the files it references, and its lock file.
// Every read is bounded (size cap, regular files only, never blocking on a FIFO) and strict (UTF-8);
// the pure compiler gets text or a problem, never a surprise.
import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, join } from 'node:path';
import { decodeBytes, decodeSource, describeDecodeProblem } from '../load/decode.js';
import { FILE_NOT_FOUND_HINT, type FileProblem } from '../load/file-problem.js';
import { MAX_LOCK_BYTES, MAX_REFERENCED_FILE_BYTES, MAX_SPEC_BYTES, showBytes } from '../load/limits.js';
import { parseSpec, type AnalyzeInput, type LoadedSpec } from '../analyze.js';
import { referencedFiles } from '../spec/referenced-files.js';
import type { SourceFile } from '../load/source.js';
import { lockFileName } from '../load/lock-file-name.js';
import { isInside, readBounded, specRoot, type ReadFailure } from './bounded-read.js';

export interface Inputs {
  input: AnalyzeInput;
  /** the spec parsed and shape-validated (src/analyze.ts checks it) */
  loaded: LoadedSpec;
  /** where the lock is (read from, and written to) */
  lockPath: string;
}

export type ReadResult = { ok: true; inputs: Inputs } | { ok: false; error: string };

/** Path shown in diagnostics: relative to the working directory when inside it ("." for itself). */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  if (rel === '') return '.';
  return !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

const describeFailure = (failure: ReadFailure): string =>
  failure.kind === 'missing' ? 'no such file' : failure.kind === 'not-regular' ? `is ${failure.what}` : failure.detail;

/** The spec or the lock: unreadable is exit 2; too large or not UTF-8 is a diagnostic in the file. */
function readSource(path: string, cwd: string, limit: number, what: 'spec' | 'lock'): SourceFile | { failure: ReadFailure; error: string } {
  const read = readBounded(path, limit);
  const shown = displayPath(path, cwd);
  if ('failure' in read) return { failure: read.failure, error: `cannot read ${shown}: ${describeFailure(read.failure)}` };
  return decodeSource(shown, read.bytes, limit, what);
}

/**
 * Reads the spec; when it loads, also the files it references (relative to the spec, inside its tree)
 * and the lock (`lockOption`, else <metadata.name>.lock.yaml beside the spec) when that exists.
 */
export function readInputs(specArg: string, cwd: string, lockOption?: string): ReadResult {
  const specPath = resolve(cwd, specArg);
  const spec = readSource(specPath, cwd, MAX_SPEC_BYTES, 'spec');
  if ('failure' in spec) return { ok: false, error: spec.error };
  const loaded = parseSpec(spec);
  const files = new Map<string, SourceFile>();
  const specDir = dirname(specPath);
  const lockPath = lockOption ? resolve(cwd, lockOption) : join(specDir, lockFileName(loaded.spec?.metadata.name ?? 'spec'));
  if (!loaded.spec) return { ok: true, inputs: { input: { spec, files }, loaded, lockPath } };
  // A referenced file that cannot be used is a spec problem (a wrong path), reported at the line naming it.
  const unreadable = new Map<string, FileProblem>();
  const root = specRoot(specPath);
  // relative to where the spec really is (a symbolic link to a spec reads the files beside its target)
  const realSpecDir = dirname(realpathSync(specPath));
  for (const ref of referencedFiles(loaded.spec)) {
    const file = readReferenced(ref, realSpecDir, root, cwd);
    if ('code' in file) unreadable.set(ref, file);
    else files.set(ref, file);
  }
  const lock = readLock(lockPath, specPath, cwd);
  if (lock && 'error' in lock) return { ok: false, error: lock.error };
  return {
    ok: true,
    inputs: { input: { spec, files, unreadable, ...(lock ? { lock } : {}) }, loaded, lockPath },
  };
}

/** The lock, when there is one; a path that exists but cannot be a lock is an error (exit 2). */
function readLock(lockPath: string, specPath: string, cwd: string): SourceFile | { error: string } | undefined {
  if (sameFile(lockPath, specPath)) {
    return { error: `the lock ${displayPath(lockPath, cwd)} is the spec itself; --lock names the lock file egressc writes (by default ${lockFileName('<metadata.name>')} beside the spec)` };
  }
  const lock = readSource(lockPath, cwd, MAX_LOCK_BYTES, 'lock');
  if (!('failure' in lock)) return lock;
  if (lock.failure.kind === 'missing') return undefined;
  return { error: `${lock.error}; --lock names the lock file egressc writes` };
}

function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/** A file the spec references: inside the spec's tree, a regular file, at most 1 MiB, UTF-8. */
function readReferenced(ref: string, specDir: string, root: { path: string; why: string }, cwd: string): SourceFile | FileProblem {
  const inTree = `a spec reads only files in or below ${displayPath(root.path, cwd) || '.'} (${root.why})`;
  if (isAbsolute(ref)) {
    return { code: 'file-outside-root', why: `it is an absolute path; ${inTree}`, hint: 'Write the path relative to the spec, and keep the file in the repository beside it.' };
  }
  const path = resolve(specDir, ref);
  // Decided on the path as written first: nothing outside the tree is even looked at.
  if (!isInside(path, root.path)) {
    return { code: 'file-outside-root', why: `it climbs out of ${root.path}; ${inTree}`, hint: 'Copy the template into the repository (beside the spec) and point the path there.' };
  }
  let real: string;
  try {
    real = realpathSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { code: 'file-not-found', why: code === 'ENOENT' || code === 'ENOTDIR' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (code ?? 'unreadable'), hint: FILE_NOT_FOUND_HINT };
  }
  if (!isInside(real, root.path)) {
    return {
      code: 'file-outside-root',
      why: `it resolves to ${real}, which is not in or below ${root.path}; ${inTree}`,
      hint: 'Copy the template into the repository (beside the spec) and point the path there; a symbolic link out of the tree is refused too.',
    };
  }
  const read = readBounded(real, MAX_REFERENCED_FILE_BYTES);
  if ('failure' in read) {
    const { failure } = read;
    if (failure.kind === 'not-regular') {
      return { code: 'not-a-regular-file', why: `it is ${failure.what}, not a regular file`, hint: 'Point the path at the template file itself.' };
    }
    return { code: 'file-not-found', why: describeFailure(failure), hint: FILE_NOT_FOUND_HINT };
  }
  const decoded = decodeBytes(read.bytes, MAX_REFERENCED_FILE_BYTES);
  if ('problem' in decoded) {
    const described = describeDecodeProblem(decoded.problem, 'file');
    return { code: described.code, why: decoded.problem.kind === 'too-large' ? `it is larger than ${showBytes(MAX_REFERENCED_FILE_BYTES)}, the most egressc reads` : lowerFirst(described.message.replace(/\.$/, '')), hint: described.hint };
  }
  return { path: displayPath(path, cwd), text: decoded.text };
}

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);

/** texts of the files diagnostics point into (spec, templates, lock), for the text formatter */
export function sourcesOf(input: AnalyzeInput): Map<string, string> {
  return new Map([
    [input.spec.path, input.spec.text],
    ...[...input.files.values()].map((f) => [f.path, f.text] as [string, string]),
    ...(input.lock ? [[input.lock.path, input.lock.text] as [string, string]] : []),
  ]);
}
