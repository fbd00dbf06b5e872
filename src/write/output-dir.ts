// Reading an output directory as it is now: its entries (without following any symlink), its
// manifest, and egressc's own control entries (build lock, staging directories). File contents are
// read on demand, one at a time, so that a large tree is never held in memory.
import { closeSync, constants, lstatSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BUILD_LOCK, BUILD_LOCK_TAKEOVER, STAGING_JOURNAL, STAGING_MARKER, STAGING_PREFIX } from './control.js';
import { sha256 } from './hash.js';
import { MANIFEST_PATH, parseManifest, type Manifest } from './manifest.js';
import { compareText } from '../model/order.js';

export interface PresentFile {
  /** a regular file (false: a symlink, socket, FIFO … which egressc never reads through) */
  regular: boolean;
  mode: number;
  /** bytes, when the scan saw it */
  size: number;
}

export interface StagingLeftover {
  /** name of the staging directory in DIR */
  name: string;
  /** it holds a journal: a build committed and was interrupted while applying it */
  committed: boolean;
}

export interface OutputDir {
  /** absolute path */
  path: string;
  exists: boolean;
  /** every non-directory entry under DIR (POSIX paths, sorted), manifest.json included, control entries left out */
  files: Map<string, PresentFile>;
  /** every directory under DIR (POSIX paths, not DIR itself) */
  directories: Set<string>;
  manifest?: Manifest;
  /** sha256 of manifest.json's bytes as the scan read them (so the comparison need not read it again) */
  manifestSha256?: string;
  /** set when manifest.json exists but cannot be used */
  manifestError?: string;
  /** staging directories of earlier builds (marker present) */
  staging: StagingLeftover[];
  /** DIR/.egressc-build.lock exists */
  locked: boolean;
}

/** The problem a path has, as a one-line error: thrown by the readers here and worded by the CLI. */
export class OutputDirError extends Error {
  constructor(
    message: string,
    /** 'not-a-directory' (exit 1) or 'unreadable' (exit 2) */
    readonly kind: 'not-a-directory' | 'unreadable',
  ) {
    super(message);
  }
}

const errno = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

/** "afile is not a directory" for the first component of `path` that exists and is not a directory. */
export function notADirectory(path: string, show: (path: string) => string): OutputDirError {
  const chain: string[] = [];
  for (let p = path; ; p = dirname(p)) {
    chain.unshift(p);
    if (dirname(p) === p) break;
  }
  for (const p of chain) {
    try {
      if (!lstatSync(p).isDirectory()) return new OutputDirError(`${show(p)} is not a directory`, 'not-a-directory');
    } catch {
      break;
    }
  }
  return new OutputDirError(`${show(path)} is not a directory`, 'not-a-directory');
}

/** A staging directory of an earlier build: the prefix AND a regular marker file inside. */
export function stagingLeftover(dir: string, name: string): StagingLeftover | undefined {
  if (!name.startsWith(STAGING_PREFIX)) return undefined;
  try {
    if (!lstatSync(join(dir, name)).isDirectory() || !lstatSync(join(dir, name, STAGING_MARKER)).isFile()) return undefined;
  } catch {
    return undefined;
  }
  let committed = false;
  try {
    committed = lstatSync(join(dir, name, STAGING_JOURNAL)).isFile();
  } catch {
    // no journal: the build stopped before its commit point
  }
  return { name, committed };
}

function walk(root: string, prefix: string, into: OutputDir): void {
  // the entry types come with the listing (d_type): only non-directories need an lstat, for their mode
  const entries = readdirSync(join(root, prefix), { withFileTypes: true }).sort((a, b) => compareText(a.name, b.name));
  for (const entry of entries) {
    const name = entry.name;
    if (!prefix && (name === BUILD_LOCK || name === BUILD_LOCK_TAKEOVER)) {
      if (name === BUILD_LOCK) into.locked = true;
      continue;
    }
    if (!prefix) {
      const leftover = stagingLeftover(root, name);
      if (leftover) {
        into.staging.push(leftover);
        continue;
      }
    }
    const rel = prefix ? `${prefix}/${name}` : name;
    const stat = entry.isDirectory() ? undefined : lstatSync(join(root, rel));
    if (!stat || stat.isDirectory()) {
      into.directories.add(rel);
      walk(root, rel, into);
    } else {
      into.files.set(rel, { regular: stat.isFile(), mode: stat.mode & 0o777, size: stat.size });
    }
  }
}

/**
 * Scans DIR without following symlinks (DIR itself must be a real directory). Throws OutputDirError
 * when DIR (or one of its parents) is not a directory or cannot be read.
 */
export function readOutputDir(dir: string, show: (path: string) => string = (p) => p): OutputDir {
  const empty: OutputDir = { path: dir, exists: false, files: new Map(), directories: new Set(), staging: [], locked: false };
  try {
    const stat = lstatSync(dir);
    if (stat.isSymbolicLink()) throw new OutputDirError(`${show(dir)} is a symbolic link; egressc reads and writes only a real directory (pass the directory it points to)`, 'not-a-directory');
    if (!stat.isDirectory()) throw notADirectory(dir, show);
  } catch (error) {
    if (error instanceof OutputDirError) throw error;
    if (errno(error) === 'ENOENT') return empty;
    if (errno(error) === 'ENOTDIR') throw notADirectory(dir, show);
    throw new OutputDirError(`cannot read ${show(dir)}: ${errno(error) ?? String(error)}`, 'unreadable');
  }
  const current: OutputDir = { ...empty, exists: true };
  try {
    walk(dir, '', current);
  } catch (error) {
    throw new OutputDirError(`cannot read ${show(dir)}: ${(error as Error).message}`, 'unreadable');
  }
  const manifestFile = current.files.get(MANIFEST_PATH);
  if (!manifestFile) return current;
  if (!manifestFile.regular) return { ...current, manifestError: 'is not a regular file' };
  const bytes = readPresent(current, MANIFEST_PATH);
  const parsed = parseManifest(bytes.toString('utf8'));
  return parsed.manifest ? { ...current, manifest: parsed.manifest, manifestSha256: sha256(bytes) } : { ...current, manifestError: parsed.error ?? 'is unreadable' };
}

/** The bytes of a regular file the scan found (its parents are real directories; never through a symlink). */
export function readPresent(current: OutputDir, rel: string): Buffer {
  const fd = openSync(join(current.path, rel), constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether a regular file the scan found holds exactly the UTF-8 bytes of `content`. The file is read
 * into a buffer reused from file to file, at most one byte more than expected (so a longer file is
 * found without reading it all), and compared byte for byte with `content` encoded into a second
 * reused buffer: a tree of thousands of files allocates nothing per file and hashes nothing.
 */
export function presentMatches(current: OutputDir, rel: string, content: string): boolean {
  const size = Buffer.byteLength(content);
  if (fileBuffer.length < size + 1) {
    fileBuffer = Buffer.allocUnsafe(Math.max(size + 1, fileBuffer.length * 2));
    contentBuffer = Buffer.allocUnsafe(fileBuffer.length);
  }
  const fd = openSync(join(current.path, rel), constants.O_RDONLY | constants.O_NOFOLLOW);
  let length = 0;
  try {
    for (let n = -1; n !== 0 && length <= size; length += n) n = readSync(fd, fileBuffer, length, size + 1 - length, null);
  } finally {
    closeSync(fd);
  }
  return length === size && contentBuffer.write(content, 'utf8') === size && fileBuffer.compare(contentBuffer, 0, size, 0, size) === 0;
}

let fileBuffer = Buffer.allocUnsafe(64 * 1024);
let contentBuffer = Buffer.allocUnsafe(fileBuffer.length);
