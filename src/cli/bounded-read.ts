// Reading a file the way untrusted input must be read: regular files only (no devices, FIFOs, sockets,
// /proc or /sys), opened without blocking and checked again through the open descriptor (a file
// swapped for a FIFO between the check and the open is caught), and never more than limit + 1 bytes.
import { closeSync, constants, existsSync, fstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';

export type ReadFailure = { kind: 'missing' } | { kind: 'not-regular'; what: string } | { kind: 'error'; detail: string };

/** At most limit + 1 bytes of the file (more than limit: the caller reports it as too large). */
export function readBounded(path: string, limit: number): { bytes: Uint8Array } | { failure: ReadFailure } {
  let fd: number | undefined;
  try {
    const real = realpathSync(path);
    if (KERNEL_FILES.some((prefix) => real.startsWith(prefix))) return { failure: { kind: 'not-regular', what: `a file under /${real.split("/")[1]} (kernel state)` } };
    const checked = statSync(real);
    if (!checked.isFile()) return { failure: { kind: 'not-regular', what: kindOf(checked) } };
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
    const opened = fstatSync(fd);
    if (!opened.isFile() || opened.ino !== checked.ino || opened.dev !== checked.dev) {
      return { failure: { kind: 'not-regular', what: opened.isFile() ? 'it changed while it was opened' : kindOf(opened) } };
    }
    let buffer = Buffer.allocUnsafe(Math.min(limit + 1, Math.max(opened.size + 1, 64 * 1024)));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (buffer.length > limit) break;
        const grown = Buffer.allocUnsafe(Math.min(limit + 1, buffer.length * 2));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return { bytes: buffer.subarray(0, length) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { failure: { kind: 'missing' } };
    if (code === 'EISDIR') return { failure: { kind: 'not-regular', what: 'a directory' } };
    return { failure: { kind: 'error', detail: code === 'EACCES' ? 'permission denied' : code === 'ELOOP' ? 'too many levels of symbolic links' : (code ?? 'unreadable') } };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const KERNEL_FILES = ['/proc/', '/sys/', '/dev/'];

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}


export const isInside = (path: string, dir: string): boolean => {
  const rel = relative(dir, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
};

/**
 * The tree a spec may read from: the Git work tree holding it (the nearest folder above it with a
 * .git entry, found without running git), else the spec's own folder. Symbolic links resolved.
 */
export function specRoot(specPath: string): { path: string; why: string } {
  const dir = dirname(realpathSync(specPath));
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return { path: d, why: 'the Git work tree holding the spec' };
    if (dirname(d) === d) break;
  }
  return { path: dir, why: "the spec's folder; it is in no Git work tree" };
}
