// Writing a build into its output directory: recovery of an interrupted swap, ownership (prune what
// the previous manifest lists, never touch anything else), and the atomic swap. The CLI words the result.
import type { Artifact } from '../emit/types.js';
import { recoverInterruptedSwap, stageTree } from './atomic.js';
import { compareTree, treeIsEqual } from './compare.js';
import { MANIFEST_PATH } from './manifest.js';
import { readOutputDir, type OutputDir } from './output-dir.js';
import { planOwnership } from './ownership.js';

export type WriteOutputResult =
  | {
      kind: 'written' | 'up-to-date';
      /** files created or replaced */
      written: number;
      pruned: string[];
      keptForeign: string[];
      /** backup DIR was restored from before writing (an earlier build was interrupted) */
      restoredFrom?: string;
    }
  /** nothing was written */
  | { kind: 'refused'; problem: 'ambiguous-recovery' | 'not-a-directory' | 'foreign-manifest' | 'foreign-files'; detail: string; paths: string[] }
  | { kind: 'unreadable'; detail: string }
  /** nothing was changed in DIR (`beforeCommit` may have run when stage is 'commit') */
  | { kind: 'failed'; stage: 'stage' | 'commit'; detail: string };

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Writes `files` (manifest.json included) as the complete new content of DIR. `beforeCommit` runs
 * after the new tree is staged and verified, right before the swap (the CLI writes the lock there);
 * when it throws, DIR is left as it was.
 */
export function writeOutput(dir: string, files: readonly Artifact[], beforeCommit: () => void = () => {}): WriteOutputResult {
  const recovery = recoverInterruptedSwap(dir);
  if (recovery.error) return { kind: 'refused', problem: 'ambiguous-recovery', detail: recovery.error, paths: [] };
  const restored = recovery.restored ? { restoredFrom: recovery.restored } : {};

  let current: OutputDir;
  try {
    current = readOutputDir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') return { kind: 'refused', problem: 'not-a-directory', detail: 'exists and is not a directory', paths: [] };
    return { kind: 'unreadable', detail: code ?? message(error) };
  }
  if (current.manifestError) return { kind: 'refused', problem: 'foreign-manifest', detail: current.manifestError, paths: [MANIFEST_PATH] };

  const artifactPaths = files.map((f) => f.path).filter((p) => p !== MANIFEST_PATH);
  const ownership = planOwnership(current.manifest, [...current.files.keys()], artifactPaths);
  if (ownership.collisions.length > 0) {
    return { kind: 'refused', problem: 'foreign-files', detail: 'files egressc did not write are in the way', paths: ownership.collisions };
  }

  const foreign = new Set(ownership.foreign);
  const owned = new Map([...current.files].filter(([path]) => !foreign.has(path)));
  const difference = compareTree(files, owned);
  const outcome = {
    written: difference.missing.length + difference.changed.length + difference.modeChanged.length,
    pruned: ownership.stale,
    keptForeign: ownership.foreign,
    ...restored,
  };
  if (current.exists && treeIsEqual(difference)) {
    try {
      beforeCommit();
    } catch (error) {
      return { kind: 'failed', stage: 'commit', detail: message(error) };
    }
    return { kind: 'up-to-date', ...outcome, written: 0 };
  }

  let staged: ReturnType<typeof stageTree>;
  try {
    staged = stageTree(dir, files, ownership.foreign);
  } catch (error) {
    return { kind: 'failed', stage: 'stage', detail: message(error) };
  }
  try {
    beforeCommit();
    staged.commit();
  } catch (error) {
    staged.abort();
    return { kind: 'failed', stage: 'commit', detail: message(error) };
  }
  return { kind: 'written', ...outcome };
}
