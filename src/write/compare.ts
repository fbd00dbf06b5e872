// How an output directory differs from the tree a build would write. Files are read one at a time
// and compared by size, then byte for byte with the expected content, so memory stays flat. The
// hashes (the new manifest's, and the previous one's) spare reading files a build rewrites anyway.
import type { Artifact } from '../emit/types.js';
import { sha256 } from './hash.js';
import { MANIFEST_PATH, type Manifest } from './manifest.js';
import { presentMatches, type OutputDir } from './output-dir.js';
import { compareText } from '../model/order.js';

export interface TreeDifference {
  /** expected, not present */
  missing: string[];
  /** present, not expected (foreign files included) */
  extra: string[];
  /** present with other content (or not a regular file) */
  changed: string[];
  /** same content, other mode */
  modeChanged: { path: string; actual: number; expected: number }[];
}

export interface CompareOptions {
  /** the hashes of the expected files (the new manifest); others are hashed here */
  manifest?: Manifest;
  /**
   * the manifest DIR holds now: a file it records with another hash than the expected one is
   * counted as changed without reading it (build rewrites it anyway). Files it records with the
   * expected hash are still read and verified, so hand edits are found.
   */
  previous?: Manifest;
  /** compare only these present paths (others are neither read nor listed as extra) */
  owned?: ReadonlySet<string>;
}

const hashesOf = (manifest: Manifest | undefined): Map<string, string> => new Map((manifest?.files ?? []).map((f) => [f.path, f.sha256]));

export function compareTree(expected: readonly Artifact[], current: OutputDir, options: CompareOptions = {}): TreeDifference {
  const expectedHash = hashesOf(options.manifest);
  const previousHash = hashesOf(options.previous);
  const expectedPaths = new Set(expected.map((a) => a.path));
  const difference: TreeDifference = { missing: [], extra: [], changed: [], modeChanged: [] };
  const present = (path: string): boolean => current.files.has(path) && (!options.owned || options.owned.has(path));
  for (const artifact of expected) {
    const file = current.files.get(artifact.path);
    if (!file || !present(artifact.path)) {
      difference.missing.push(artifact.path);
      continue;
    }
    const before = previousHash.get(artifact.path);
    const rewritten = before !== undefined && before !== (expectedHash.get(artifact.path) ?? sha256(artifact.content));
    // a file of another size differs without being read; one of the right size is read and compared
    // (manifest.json, the largest file, was read and hashed by the scan already)
    const matches = (): boolean =>
      artifact.path === MANIFEST_PATH && current.manifestSha256 !== undefined ? sha256(artifact.content) === current.manifestSha256 : presentMatches(current, artifact.path, artifact.content);
    const same = file.regular && !rewritten && file.size === Buffer.byteLength(artifact.content) && matches();
    if (!same) difference.changed.push(artifact.path);
    else if (file.mode !== artifact.mode) difference.modeChanged.push({ path: artifact.path, actual: file.mode, expected: artifact.mode });
  }
  difference.extra = [...current.files.keys()].filter((p) => present(p) && !expectedPaths.has(p)).sort(compareText);
  return difference;
}

export const treeIsEqual = (d: TreeDifference): boolean =>
  d.missing.length + d.extra.length + d.changed.length + d.modeChanged.length === 0;

export const octal = (mode: number): string => `0${(mode & 0o777).toString(8)}`;
