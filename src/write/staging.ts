// A build's staging directory inside DIR, its journal, and applying the journal to DIR.
//
// DIR/.egressc.tmp-XXXXXX/ holds EGRESSC-STAGING (the marker, written first), tree/ (the files that
// change, laid out as in DIR) and, once everything is staged and durable, JOURNAL.json: the commit
// point. Applying the journal deletes the stale files it lists, removes directories they leave empty,
// then renames each staged entry (a file, or a whole directory whose target does not exist yet) into
// DIR, manifest.json last. Every step is idempotent, so an interrupted apply is completed by applying
// the same journal again (roll forward). Nothing here follows a symlink: every parent directory
// inside DIR is checked with lstat before it is used.
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Artifact } from '../emit/types.js';
import { STAGING_JOURNAL, STAGING_MARKER, STAGING_MARKER_TEXT, STAGING_PREFIX, STAGING_TREE } from './control.js';
import { fsyncPath } from './durable.js';
import { isSafeRelativePath } from './manifest.js';

export const DIRECTORY_MODE = 0o755;

export interface Journal {
  kind: 'EgressBuildJournal';
  /** files of the previous build that this one does not write (paths in DIR) */
  prune: string[];
  /** directories to remove when empty once pruned, deepest first */
  removeDirectories: string[];
  /** entries of tree/ to rename to the same path in DIR, in this order (manifest.json last) */
  moves: string[];
}

const errno = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

/** The parent directories of `rel` inside `dir`, outermost first ("a/b/c" → ["a", "a/b"]). */
export function parentsOf(rel: string): string[] {
  const parts = rel.split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** Throws unless every parent of `rel` inside `dir` that exists is a real directory (no symlink). */
function assertRealParents(dir: string, rel: string): void {
  for (const parent of parentsOf(rel)) {
    let stat;
    try {
      stat = lstatSync(join(dir, parent));
    } catch (error) {
      if (errno(error) === 'ENOENT') return;
      throw error;
    }
    if (!stat.isDirectory()) throw new Error(`${parent} in the output directory is not a directory (a symlink or file is in the way)`);
  }
}

/** mkdir -p inside `dir` with mode 0755 whatever the umask, refusing anything but real directories. */
function ensureDirectories(dir: string, rel: string, created?: (rel: string) => void): void {
  for (const parent of parentsOf(rel)) {
    const path = join(dir, parent);
    try {
      if (!lstatSync(path).isDirectory()) throw new Error(`${parent} in the output directory is not a directory (a symlink or file is in the way)`);
      continue;
    } catch (error) {
      if (errno(error) !== 'ENOENT') throw error;
    }
    mkdirSync(path, { mode: DIRECTORY_MODE });
    chmodSync(path, DIRECTORY_MODE);
    created?.(parent);
  }
}

export interface Staging {
  /** absolute path of DIR/.egressc.tmp-XXXXXX */
  path: string;
  /** directories created under tree/ (POSIX paths, for the fsync fallback) */
  directories: string[];
}

/** Creates the staging directory (marker first) and writes `files` into its tree/ with their modes. */
export function stageFiles(dir: string, files: readonly Artifact[]): Staging {
  const path = mkdtempSync(join(dir, STAGING_PREFIX));
  writeFileSync(join(path, STAGING_MARKER), STAGING_MARKER_TEXT, { flag: 'wx', mode: 0o644 });
  const tree = join(path, STAGING_TREE);
  mkdirSync(tree, { mode: DIRECTORY_MODE });
  const directories: string[] = [];
  // tree/ is this build's own, new directory: a directory it created once need not be looked at again
  const made = new Set<string>();
  for (const file of files) {
    const parent = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/')) : '';
    if (parent !== '' && !made.has(parent)) {
      ensureDirectories(tree, file.path, (d) => directories.push(d));
      for (const d of parentsOf(file.path)) made.add(d);
    }
    const target = join(tree, file.path);
    writeFileSync(target, file.content, { flag: 'wx', mode: file.mode });
    chmodSync(target, file.mode); // the umask must not weaken or change the artifact's mode
  }
  return { path, directories };
}

/** Writes the journal durably: once this returns, the build is committed. */
export function commitJournal(staging: string, journal: Journal): void {
  const temp = join(staging, `${STAGING_JOURNAL}.partial`);
  writeFileSync(temp, `${JSON.stringify(journal)}\n`, { flag: 'wx', mode: 0o644 });
  fsyncPath(temp);
  renameSync(temp, join(staging, STAGING_JOURNAL));
  fsyncPath(staging, true);
}

export function readJournal(staging: string): Journal {
  const value = JSON.parse(readFileSync(join(staging, STAGING_JOURNAL), 'utf8')) as Partial<Journal>;
  const lists = [value.prune, value.removeDirectories, value.moves];
  if (value.kind !== 'EgressBuildJournal' || !lists.every((l) => Array.isArray(l) && l.every((p) => typeof p === 'string' && isSafeRelativePath(p)))) {
    throw new Error(`${join(staging, STAGING_JOURNAL)} is not a valid egressc journal`);
  }
  return value as Journal;
}

/**
 * Applies a journal to DIR (idempotent). Returns the directories of DIR whose entries changed, for
 * the fsync fallback.
 */
export function applyJournal(dir: string, staging: string, journal: Journal): string[] {
  const touched = new Set<string>(['']);
  const parentOf = (rel: string): string => (rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '');
  for (const rel of journal.prune) {
    assertRealParents(dir, rel);
    try {
      if (lstatSync(join(dir, rel)).isDirectory()) continue; // not a file egressc wrote: left alone
    } catch (error) {
      if (errno(error) === 'ENOENT') continue; // already pruned
      throw error;
    }
    unlinkSync(join(dir, rel));
    touched.add(parentOf(rel));
  }
  for (const rel of journal.removeDirectories) {
    assertRealParents(dir, rel);
    try {
      if (!lstatSync(join(dir, rel)).isDirectory()) continue;
      rmdirSync(join(dir, rel));
      touched.add(parentOf(rel));
    } catch (error) {
      // already gone, or something egressc did not write is still in it: kept
      if (!['ENOENT', 'ENOTEMPTY', 'EEXIST'].includes(errno(error) ?? '')) throw error;
    }
  }
  const tree = join(staging, STAGING_TREE);
  for (const rel of journal.moves) {
    try {
      lstatSync(join(tree, rel));
    } catch (error) {
      if (errno(error) === 'ENOENT') continue; // moved before the interruption
      throw error;
    }
    ensureDirectories(dir, rel, (d) => touched.add(parentOf(d)));
    renameSync(join(tree, rel), join(dir, rel));
    touched.add(parentOf(rel));
  }
  return [...touched];
}

/** Deletes a staging directory (never follows symlinks inside it). */
export const removeStaging = (staging: string): void => rmSync(staging, { recursive: true, force: true });
