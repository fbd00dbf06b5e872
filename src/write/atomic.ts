// The atomic writer: the only place (besides src/cli) that writes files.
//
// Guarantee: readers of DIR see either the complete previous tree or the complete new tree, never a
// mix and never a truncated file; on any error before the swap DIR is untouched.
//  1. The new tree is written into a staging directory DIR.tmp-XXXXXX next to DIR (same filesystem),
//     every file with its mode, fsynced, then read back and verified against its sha256.
//  2. Foreign files (not written by egressc) are hard-linked (or copied) into the staging tree.
//  3. Swap: rename DIR → DIR.old-XXXXXX, rename staging → DIR, delete DIR.old-XXXXXX. Each rename is
//     atomic. If the second rename fails, the first is undone.
// A crash between the two renames leaves no DIR but a complete DIR.old-XXXXXX: the next build (or
// check/diff) restores it first (recoverInterruptedSwap). A crash earlier leaves only a stray
// DIR.tmp-XXXXXX, which is never read and may be deleted.
import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Artifact } from '../emit/types.js';
import { sha256 } from './hash.js';

const DEFAULT_DIR_MODE = 0o755;

/** fsync a directory so that renames and new entries in it survive a crash (best effort: not every OS allows it). */
function fsyncDirectory(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch {
    // some platforms cannot fsync a directory; the renames are still atomic
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function writeDurably(path: string, content: string, mode: number): void {
  const fd = openSync(path, 'wx', mode);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(path, mode); // the umask must not weaken or change the artifact's mode
}

/** The real location of DIR (DIR may be a symlink to the directory that gets swapped). */
export function outputLocation(dir: string): string {
  const absolute = resolve(dir);
  return existsSync(absolute) ? realpathSync(absolute) : absolute;
}

export interface StagedTree {
  /** the staging directory */
  path: string;
  /** swap it into place */
  commit: () => void;
  /** delete it; DIR stays as it was */
  abort: () => void;
}

/**
 * Writes `artifacts` (and links `keep`, paths relative to DIR) into a staging directory beside DIR and
 * verifies it. Throws, leaving nothing behind, on any error.
 */
export function stageTree(dir: string, artifacts: readonly Artifact[], keep: readonly string[]): StagedTree {
  const target = outputLocation(dir);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `${basename(target)}.tmp-`));
  const abort = (): void => rmSync(staging, { recursive: true, force: true });
  try {
    for (const artifact of artifacts) {
      const path = join(staging, artifact.path);
      mkdirSync(dirname(path), { recursive: true, mode: DEFAULT_DIR_MODE });
      writeDurably(path, artifact.content, artifact.mode);
    }
    for (const rel of keep) {
      const from = join(target, rel);
      const to = join(staging, rel);
      mkdirSync(dirname(to), { recursive: true, mode: DEFAULT_DIR_MODE });
      try {
        linkSync(from, to);
      } catch {
        copyFileSync(from, to);
        chmodSync(to, statSync(from).mode & 0o7777);
      }
    }
    for (const artifact of artifacts) {
      const path = join(staging, artifact.path);
      if (sha256(readFileSync(path)) !== sha256(artifact.content)) throw new Error(`verification failed: ${artifact.path} was not written correctly`);
      if ((statSync(path).mode & 0o777) !== artifact.mode) throw new Error(`verification failed: ${artifact.path} has the wrong mode`);
    }
    settleTree(staging);
    chmodSync(staging, existsSync(target) ? statSync(target).mode & 0o7777 : DEFAULT_DIR_MODE);
  } catch (error) {
    abort();
    throw error;
  }
  const commit = (): void => {
    if (!existsSync(target)) {
      renameSync(staging, target);
    } else {
      const backup = `${target}.old-${basename(staging).slice(basename(target).length + '.tmp-'.length)}`;
      renameSync(target, backup);
      try {
        renameSync(staging, target);
      } catch (error) {
        renameSync(backup, target);
        abort();
        throw error;
      }
      rmSync(backup, { recursive: true, force: true });
    }
    fsyncDirectory(parent);
  };
  return { path: staging, commit, abort };
}

/** Subdirectories get 0755 whatever the umask (same tree everywhere); every directory is fsynced. */
function settleTree(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const sub = join(dir, entry.name);
    chmodSync(sub, DEFAULT_DIR_MODE);
    settleTree(sub);
  }
  fsyncDirectory(dir);
}

/**
 * Restores DIR from DIR.old-XXXXXX when a build crashed between its two renames. Returns what it did,
 * or an error when the situation is ambiguous (several backups).
 */
export function recoverInterruptedSwap(dir: string): { restored?: string; error?: string } {
  const target = outputLocation(dir);
  if (existsSync(target)) return {};
  const parent = dirname(target);
  if (!existsSync(parent)) return {};
  const prefix = `${basename(target)}.old-`;
  const backups = readdirSync(parent).filter((name) => name.startsWith(prefix)).sort();
  if (backups.length === 0) return {};
  if (backups.length > 1) {
    return { error: `${target} is missing and several interrupted builds left backups (${backups.join(', ')}); rename the right one to ${basename(target)}` };
  }
  const backup = join(parent, backups[0]!);
  renameSync(backup, target);
  fsyncDirectory(parent);
  return { restored: backup };
}

/** Replaces one file atomically (temp file in the same directory, fsync, rename). */
export function writeFileAtomically(path: string, content: string, mode = 0o644): void {
  const absolute = resolve(path);
  const parent = dirname(absolute);
  mkdirSync(parent, { recursive: true });
  const temp = mkdtempSync(join(parent, `.${basename(absolute)}.tmp-`));
  const file = join(temp, basename(absolute));
  try {
    writeDurably(file, content, mode);
    renameSync(file, absolute);
    fsyncDirectory(parent);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
