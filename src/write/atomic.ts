// Replacing one file atomically (the lock beside the spec): a temporary file in the same directory,
// fsynced, renamed over the target, the directory fsynced. Readers see the old or the new file.
import { chmodSync, closeSync, fsyncSync, mkdirSync, mkdtempSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fsyncPath } from './durable.js';

function writeDurably(path: string, content: string, mode: number): void {
  const fd = openSync(path, 'wx', mode);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(path, mode); // the umask must not weaken or change the file's mode
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
    fsyncPath(parent, true);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
