// Writing a build into its output directory. The CLI words the result.
//
// What egressc may touch: DIR must be missing, empty, or hold a manifest.json egressc wrote. Inside
// it egressc creates, replaces and deletes only the files its previous manifest lists (and the
// directories it needs for them), its build lock and its staging directory; everything else keeps
// its existence, content, mode, owner and mtime. Every refusal happens before anything is written.
//
// Crash safety (see staging.ts): changed files are staged inside DIR and made durable (one sync of
// the file system), then the journal is written (the commit point), then applied by renames.
//  - interrupted before the commit point: DIR's files are as they were; the next build removes the
//    staging directory (recognised by its name and marker) and the stale build lock;
//  - interrupted after it: the next build completes the journal before anything else (roll
//    forward), so DIR ends as the complete new tree; check and diff refuse to read DIR until then.
// Files whose content and mode are already right are not rewritten (nor is anything, when nothing
// changed).
import { chmodSync, mkdirSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Artifact } from '../emit/types.js';
import { acquireBuildLock } from './build-lock.js';
import { compareTree } from './compare.js';
import { STAGING_TREE } from './control.js';
import { syncAll } from './durable.js';
import { MANIFEST_PATH, type Manifest } from './manifest.js';
import { OutputDirError, readOutputDir, type OutputDir } from './output-dir.js';
import { compareText } from '../model/order.js';
import { planOwnership } from './ownership.js';
import { applyJournal, commitJournal, DIRECTORY_MODE, parentsOf, readJournal, removeStaging, stageFiles, type Journal } from './staging.js';

export type RefusalProblem = 'not-a-directory' | 'not-egressc' | 'foreign-manifest' | 'foreign-files' | 'busy';

export type WriteOutputResult =
  | {
      kind: 'written' | 'up-to-date';
      /** files created or replaced */
      written: number;
      pruned: string[];
      keptForeign: string[];
      /** an interrupted earlier build was completed first */
      completedInterrupted: boolean;
      /** the holder of a stale build lock that was taken over */
      tookOverLock?: string;
    }
  /** nothing was written */
  | { kind: 'refused'; problem: RefusalProblem; detail: string; paths: string[] }
  | { kind: 'unreadable'; detail: string }
  /**
   * 'stage': DIR's files are as they were (`beforeCommit` may have run);
   * 'apply': the build was committed and could not be applied completely; the next build completes it
   */
  | { kind: 'failed'; stage: 'stage' | 'apply'; detail: string };

export interface WriteRequest {
  /** absolute path of DIR */
  dir: string;
  /** the complete new content of DIR, manifest.json included */
  files: readonly Artifact[];
  /** the new manifest (its hashes spare hashing the artifacts again) */
  manifest: Manifest;
  /** runs once the changes are staged and durable, right before the commit point (the CLI writes the lock there) */
  beforeCommit?: () => void;
  /** words a path for messages */
  show?: (path: string) => string;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

type Refusal = Extract<WriteOutputResult, { kind: 'refused' }>;

/** The refusals that depend only on what DIR holds (checked before and again under the lock). */
function contentRefusal(current: OutputDir, targets: readonly string[], allowUnfinished: boolean): Refusal | undefined {
  if (current.manifestError) return { kind: 'refused', problem: 'foreign-manifest', detail: current.manifestError, paths: [MANIFEST_PATH] };
  if (!current.manifest) {
    const entries = [...current.files.keys(), ...current.directories];
    const unfinished = allowUnfinished && current.staging.some((s) => s.committed);
    if (entries.length > 0 && !unfinished) return { kind: 'refused', problem: 'not-egressc', detail: 'is not empty and has no manifest.json', paths: entries.sort(compareText) };
    return undefined;
  }
  const ownership = planOwnership(current.manifest, [...current.files.keys()], targets);
  const collisions = [...ownership.collisions, ...directoriesInTheWay(current, targets, new Set(ownership.stale))];
  if (collisions.length > 0) return { kind: 'refused', problem: 'foreign-files', detail: 'files egressc did not write are in the way', paths: collisions.sort(compareText) };
  return undefined;
}

/** Directories where a new file goes, unless emptied by pruning (only stale files below them). */
function directoriesInTheWay(current: OutputDir, targets: readonly string[], stale: ReadonlySet<string>): string[] {
  return targets.filter((t) => {
    if (!current.directories.has(t)) return false;
    const below = (p: string): boolean => p.startsWith(`${t}/`);
    const files = [...current.files.keys()].filter(below);
    const dirsWithoutFiles = [...current.directories].filter((d) => below(d) && !files.some((f) => f.startsWith(`${d}/`)));
    return files.length === 0 || dirsWithoutFiles.length > 0 || !files.every((f) => stale.has(f));
  });
}

/** Completes (committed) or removes (not committed) the staging directories of interrupted builds. */
function settleLeftovers(current: OutputDir): boolean {
  let completed = false;
  for (const leftover of current.staging) {
    const staging = join(current.path, leftover.name);
    if (leftover.committed) {
      const touched = applyJournal(current.path, staging, readJournal(staging));
      syncAll(current.path, () => touched.map((d) => ({ path: join(current.path, d), directory: true })));
      completed = true;
    }
    removeStaging(staging);
  }
  return completed;
}

/** What the build changes: files to stage, stale files, directories to remove, and the journal's moves. */
function plan(current: OutputDir, files: readonly Artifact[], manifest: Manifest): { toWrite: Artifact[]; journal: Journal; keptForeign: string[] } {
  const targets = files.map((f) => f.path);
  const ownership = planOwnership(current.manifest, [...current.files.keys()], targets.filter((p) => p !== MANIFEST_PATH));
  const owned = new Set([...current.files.keys()].filter((p) => !ownership.foreign.includes(p)));
  const difference = compareTree(files, current, { manifest, ...(current.manifest ? { previous: current.manifest } : {}), owned });
  const rewrite = new Set([...difference.missing, ...difference.changed, ...difference.modeChanged.map((m) => m.path)]);
  const toWrite = files.filter((f) => rewrite.has(f.path));

  const neededDirectories = new Set(targets.flatMap(parentsOf));
  const removeDirectories = [...new Set(ownership.stale.flatMap(parentsOf))]
    .filter((d) => !neededDirectories.has(d))
    .sort((a, b) => b.split('/').length - a.split('/').length || compareText(a, b));
  // a file whose directory does not exist yet moves with the whole (new) directory in one rename
  const moves = new Set<string>();
  for (const file of toWrite) {
    if (file.path === MANIFEST_PATH) continue;
    const newDirectory = parentsOf(file.path).find((d) => !current.directories.has(d));
    moves.add(newDirectory ?? file.path);
  }
  const journal: Journal = {
    kind: 'EgressBuildJournal',
    prune: ownership.stale,
    removeDirectories,
    moves: [...[...moves].sort(compareText), ...(rewrite.has(MANIFEST_PATH) ? [MANIFEST_PATH] : [])],
  };
  return { toWrite, journal, keptForeign: ownership.foreign };
}

/** Writes `files` (manifest.json included) as the complete new content of DIR. */
export function writeOutput(request: WriteRequest): WriteOutputResult {
  const { dir, files, manifest } = request;
  const show = request.show ?? ((p: string) => p);
  const targets = files.map((f) => f.path).filter((p) => p !== MANIFEST_PATH);
  const read = (): OutputDir | Extract<WriteOutputResult, { kind: 'refused' | 'unreadable' }> => {
    try {
      return readOutputDir(dir, show);
    } catch (error) {
      if (error instanceof OutputDirError && error.kind === 'not-a-directory') return { kind: 'refused', problem: 'not-a-directory', detail: error.message, paths: [] };
      return { kind: 'unreadable', detail: message(error) };
    }
  };

  // 1. read-only: refuse before anything is written
  const before = read();
  if ('kind' in before) return before;
  // while another build holds DIR's lock, what DIR holds is that build's work in progress (a staging
  // directory whose marker is not written yet looks foreign): the lock below says busy, or takes over a
  // stale lock and then checks DIR's content
  const early = before.locked ? undefined : contentRefusal(before, targets, true);
  if (early) return early;

  // 2. DIR exists, and this build holds its lock
  let created: string | undefined;
  try {
    if (!before.exists) {
      created = mkdirSync(dir, { recursive: true, mode: DIRECTORY_MODE }) ?? dir;
      chmodSync(dir, DIRECTORY_MODE);
    }
  } catch (error) {
    return { kind: 'failed', stage: 'stage', detail: message(error) };
  }
  const undoCreate = (): void => {
    if (!created) return;
    for (let d = dir; d.length >= created.length; d = join(d, '..')) {
      try {
        rmdirSync(d);
      } catch {
        return; // not empty (or gone): kept
      }
    }
  };
  const lock = acquireBuildLock(dir, show(dir));
  if (!lock.ok) {
    undoCreate();
    return { kind: 'refused', problem: 'busy', detail: lock.problem, paths: [] };
  }

  let staging: string | undefined;
  let committed = false;
  try {
    // 3. under the lock: finish or clear what interrupted builds left, and look again
    const completedInterrupted = settleLeftovers(before);
    const current = completedInterrupted || before.staging.length > 0 ? read() : before;
    if ('kind' in current) return current;
    const refusal = contentRefusal(current, targets, false);
    if (refusal) return refusal;

    const { toWrite, journal, keptForeign } = plan(current, files, manifest);
    const outcome = { written: toWrite.length, pruned: journal.prune, keptForeign, completedInterrupted, ...(lock.tookOver ? { tookOverLock: lock.tookOver } : {}) };
    if (toWrite.length === 0 && journal.prune.length === 0) {
      request.beforeCommit?.();
      return { kind: 'up-to-date', ...outcome };
    }

    // 4. stage, make durable, commit, apply
    const staged = stageFiles(dir, toWrite);
    staging = staged.path;
    const stagedPath = staged.path;
    syncAll(dir, () => [
      ...toWrite.map((f) => ({ path: join(stagedPath, STAGING_TREE, f.path), directory: false })),
      ...['', ...staged.directories].map((d) => ({ path: join(stagedPath, STAGING_TREE, d), directory: true })),
    ]);
    request.beforeCommit?.();
    commitJournal(stagedPath, journal);
    committed = true;
    const touched = applyJournal(dir, stagedPath, journal);
    syncAll(dir, () => touched.map((d) => ({ path: join(dir, d), directory: true })));
    removeStaging(stagedPath);
    return { kind: 'written', ...outcome };
  } catch (error) {
    if (!committed && staging) removeStaging(staging);
    return { kind: 'failed', stage: committed ? 'apply' : 'stage', detail: message(error) };
  } finally {
    lock.release();
    if (!committed) undoCreate();
  }
}
