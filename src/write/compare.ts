// How an output directory differs from the tree a build would write. Pure (works on read data).
import type { Artifact } from '../emit/types.js';
import { sha256 } from './hash.js';
import type { PresentFile } from './output-dir.js';
import { compareText } from './order.js';

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

export function compareTree(expected: readonly Artifact[], present: ReadonlyMap<string, PresentFile>): TreeDifference {
  const expectedPaths = new Set(expected.map((a) => a.path));
  const difference: TreeDifference = { missing: [], extra: [], changed: [], modeChanged: [] };
  for (const artifact of expected) {
    const file = present.get(artifact.path);
    if (!file) difference.missing.push(artifact.path);
    else if (!file.bytes || sha256(file.bytes) !== sha256(artifact.content)) difference.changed.push(artifact.path);
    else if (file.mode !== artifact.mode) difference.modeChanged.push({ path: artifact.path, actual: file.mode, expected: artifact.mode });
  }
  difference.extra = [...present.keys()].filter((p) => !expectedPaths.has(p)).sort(compareText);
  return difference;
}

export const treeIsEqual = (d: TreeDifference): boolean =>
  d.missing.length + d.extra.length + d.changed.length + d.modeChanged.length === 0;

export const octal = (mode: number): string => `0${(mode & 0o777).toString(8)}`;
