// Reading an output directory as it is now: its files (bytes and mode) and its manifest.
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_PATH, parseManifest, type Manifest } from './manifest.js';

export interface PresentFile {
  /** undefined for something that is not a regular file (a symlink, a socket …) */
  bytes?: Buffer;
  mode: number;
}

export interface OutputDir {
  exists: boolean;
  /** every non-directory entry under DIR (POSIX paths, sorted), manifest.json included */
  files: Map<string, PresentFile>;
  manifest?: Manifest;
  /** set when manifest.json exists but cannot be used */
  manifestError?: string;
}

function walk(root: string, prefix: string, files: Map<string, PresentFile>): void {
  const entries = readdirSync(join(root, prefix), { withFileTypes: true }).map((e) => e.name).sort();
  for (const name of entries) {
    const rel = prefix ? `${prefix}/${name}` : name;
    const full = join(root, rel);
    const stat = lstatSync(full);
    if (stat.isDirectory()) walk(root, rel, files);
    else files.set(rel, stat.isFile() ? { bytes: readFileSync(full), mode: stat.mode & 0o777 } : { mode: stat.mode & 0o777 });
  }
}

/** Throws (with the errno code) when DIR exists but cannot be read, or is not a directory. */
export function readOutputDir(dir: string): OutputDir {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(dir).isDirectory(); // DIR itself may be a symlink to a directory
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false, files: new Map() };
    throw error;
  }
  if (!isDirectory) throw Object.assign(new Error(`${dir} exists and is not a directory`), { code: 'ENOTDIR' });
  const files = new Map<string, PresentFile>();
  walk(dir, '', files);
  const manifestFile = files.get(MANIFEST_PATH);
  if (!manifestFile) return { exists: true, files };
  if (!manifestFile.bytes) return { exists: true, files, manifestError: 'is not a regular file' };
  const parsed = parseManifest(manifestFile.bytes.toString('utf8'));
  return { exists: true, files, ...(parsed.manifest ? { manifest: parsed.manifest } : { manifestError: parsed.error ?? 'is unreadable' }) };
}
