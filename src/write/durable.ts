// Durability, paid once per build: one syncfs(2) of the file system that holds the output
// directory (`sync -f`, coreutils), instead of an fsync per file. Where `sync -f` is not available
// (BSD, busybox), every written file and directory is fsynced instead: slower, same guarantee.
import { spawnSync } from 'node:child_process';
import { closeSync, fsyncSync, openSync } from 'node:fs';

/** fsync one file or directory (directories: best effort, not every OS allows it). */
export function fsyncPath(path: string, directory = false): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch (error) {
    if (!directory) throw error;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Makes `paths` (all on the file system of `anchor`) durable: their data, and the directory entries
 * naming them. Throws when the system reports an I/O error.
 */
export function syncAll(anchor: string, paths: () => Iterable<{ path: string; directory: boolean }>): void {
  const synced = spawnSync('sync', ['-f', anchor], { stdio: 'ignore' });
  if (synced.status === 0) return;
  for (const { path, directory } of paths()) fsyncPath(path, directory);
}
