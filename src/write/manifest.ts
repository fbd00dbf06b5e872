// DIR/manifest.json: what egressc wrote into an output directory, so that the next build knows which
// files it owns (and may replace or prune), `check` can detect drift and `diff` can say what changed.
// Pure: building, serializing and parsing. No timestamps, sorted, byte-identical everywhere.
import type { Artifact } from '../emit/types.js';
import type { Inventory } from '../diff/inventory.js';
import { sha256 } from './hash.js';
import { byPath } from '../model/order.js';

export const MANIFEST_PATH = 'manifest.json';
export const MANIFEST_KIND = 'EgressTopologyOutput';

export type FileMode = '0644' | '0600';

export interface ManifestFile {
  path: string;
  sha256: string;
  mode: FileMode;
}

export interface Manifest {
  kind: typeof MANIFEST_KIND;
  generator: { name: 'egressc'; version: string };
  spec: { sha256: string };
  lock: { sha256: string };
  /** every file of the directory except manifest.json itself, sorted by path */
  files: ManifestFile[];
  /** the model's AWS-relevant facts, for `egressc diff` */
  inventory: Inventory;
}

export const modeText = (mode: number): FileMode => ((mode & 0o777) === 0o600 ? '0600' : '0644');
export interface ManifestInput {
  version: string;
  specText: string;
  lockText: string;
  artifacts: readonly Artifact[];
  inventory: Inventory;
}

export function buildManifest(input: ManifestInput): Manifest {
  const files = input.artifacts
    .map((a) => ({ path: a.path, sha256: sha256(a.content), mode: modeText(a.mode) }))
    .sort(byPath);
  return {
    kind: MANIFEST_KIND,
    generator: { name: 'egressc', version: input.version },
    spec: { sha256: sha256(input.specText) },
    lock: { sha256: sha256(input.lockText) },
    files,
    inventory: input.inventory,
  };
}

export const serializeManifest = (manifest: Manifest): string => `${JSON.stringify(manifest, null, 2)}\n`;

/** The manifest as an artifact of its own (written last, listed by nobody). */
export const manifestArtifact = (manifest: Manifest): Artifact => ({
  path: MANIFEST_PATH,
  content: serializeManifest(manifest),
  mode: 0o644,
});

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function isManifestFile(value: unknown): value is ManifestFile {
  return (
    isRecord(value) &&
    typeof value.path === 'string' &&
    typeof value.sha256 === 'string' &&
    (value.mode === '0644' || value.mode === '0600')
  );
}

/**
 * Parses a manifest written by egressc. Only the parts ownership depends on are checked strictly;
 * the inventory is taken as written (an older egressc may have written less — diff copes).
 */
export function parseManifest(text: string): { manifest?: Manifest; error?: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: 'is not valid JSON' };
  }
  if (!isRecord(value) || value.kind !== MANIFEST_KIND) return { error: `is not an egressc manifest (kind ${MANIFEST_KIND} expected)` };
  if (!Array.isArray(value.files) || !value.files.every(isManifestFile)) return { error: 'has a malformed "files" list' };
  for (const file of value.files) {
    if (!isSafeRelativePath(file.path)) return { error: `lists an unsafe path "${file.path}"` };
  }
  return { manifest: value as unknown as Manifest };
}

/** A POSIX path that stays inside the output directory: no absolute paths, no "..", no empty segments. */
export function isSafeRelativePath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\') || path.includes('\0')) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}
