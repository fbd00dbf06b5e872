// Shared by build, check and diff: compile the spec and compute the exact tree a build writes
// (artifacts + manifest.json) and the lock text, without writing anything.
import { compile, type CompileOutput } from '../compile.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { inventoryOf } from '../diff/inventory.js';
import type { Artifact } from '../emit/types.js';
import { VERSION } from '../version.js';
import { buildManifest, manifestArtifact, type Manifest } from '../write/manifest.js';
import { parseArgs } from './args.js';
import type { FormatName } from '../diagnostics/index.js';
import { displayPath, readInputs, sourcesOf } from './read-inputs.js';
import { byPath } from '../model/order.js';

export interface ExpectedOutput {
  /** every file of DIR, manifest.json included, sorted by path */
  files: Artifact[];
  manifest: Manifest;
  lockText: string;
  lockPath: string;
  /** display form of lockPath */
  lockDisplay: string;
  /** the lock as it is on disk now (undefined when missing) */
  currentLockText?: string;
  compiled: CompileOutput;
}

/** texts of the files diagnostics point into (spec, templates, lock), for the text formatter */
export type Sources = Map<string, string>;

export type ExpectedResult =
  | { kind: 'ok'; diagnostics: Diagnostic[]; sources: Sources; expected: ExpectedOutput }
  /** the spec (or lock) has errors: exit 1 */
  | { kind: 'invalid'; diagnostics: Diagnostic[]; sources: Sources }
  /** unreadable input: exit 2 */
  | { kind: 'unreadable'; error: string };

export function computeExpectedOutput(specArg: string, cwd: string, lockOption?: string): ExpectedResult {
  const read = readInputs(specArg, cwd, lockOption);
  if (!read.ok) return { kind: 'unreadable', error: read.error };
  const { input, loaded, lockPath } = read.inputs;
  const compiled = compile(input, loaded);
  const { model, lockText, diagnostics } = compiled;
  const sources: Sources = sourcesOf(input);
  // analyze() returns a model exactly when there are no errors
  if (!model || lockText === undefined) return { kind: 'invalid', diagnostics, sources };
  const manifest = buildManifest({
    version: VERSION,
    specText: input.spec.text,
    lockText,
    artifacts: compiled.artifacts,
    inventory: inventoryOf(model),
  });
  const files = [...compiled.artifacts, manifestArtifact(manifest)].sort(byPath);
  return {
    kind: 'ok',
    diagnostics,
    sources,
    expected: {
      files,
      manifest,
      lockText,
      lockPath,
      lockDisplay: displayPath(lockPath, cwd),
      ...(input.lock ? { currentLockText: input.lock.text } : {}),
      compiled,
    },
  };
}

/** a diagnostics format, or (diff only) a Markdown document for a pull-request comment */
export type OutputFormat = FormatName | 'markdown';

export interface CommonArgs<F extends OutputFormat = OutputFormat> {
  spec: string;
  out: string;
  lock?: string;
  format: F;
  flags: Set<string>;
}

/** SPEC --out DIR [--lock PATH] [--format …]; returns a usage error text otherwise. */
export function parseCommonArgs<F extends OutputFormat>(argv: readonly string[], flags: readonly string[], formats: readonly F[]): { args?: CommonArgs<F>; error?: string; help?: boolean } {
  const parsed = parseArgs(argv, { values: ['--out', '--lock', '--format'], flags });
  if (!parsed.ok) return { error: parsed.error };
  const { positionals, values, help } = parsed.args;
  if (help) return { help: true };
  if (positionals.length !== 1) return { error: positionals.length === 0 ? 'missing SPEC' : `one SPEC expected, got ${positionals.length}` };
  const out = values.get('--out');
  if (!out) return { error: '--out DIR is required' };
  const format = values.get('--format') ?? 'text';
  if (!formats.includes(format as F)) return { error: `--format must be one of ${formats.join(', ')}` };
  const lock = values.get('--lock');
  return { args: { spec: positionals[0]!, out, ...(lock ? { lock } : {}), format: format as F, flags: parsed.args.flags } };
}
