// The one analysis `validate` and `build` (and check, diff) share: load → validate → check the spec →
// allocate (in memory; nothing is written) → check the model. Every user-facing rule lives in src/check
// and runs here, so validate reports exactly what build would; build then only emits and writes.
// Pure: the CLI reads the files and hands them in.
import { checkModel } from './check/check-model.js';
import { checkSpec } from './check/check-spec.js';
import { referencedFileDiagnostics } from './check/files.js';
import type { CheckContext } from './check/context.js';
import { allocate } from './allocate/allocate.js';
import { terraformNameClashes } from './emit/terraform/index.js';
import { parseLock, serializeLock, type Lock } from './allocate/lock.js';
import { sortByPosition } from './diagnostics/sort.js';
import { hasErrors, type Diagnostic } from './diagnostics/types.js';
import { loadYaml, type Locator } from './load/load-yaml.js';
import type { FileProblem } from './load/file-problem.js';
import type { SourceFile } from './load/source.js';
import type { Topology } from './model/types.js';
import type { Spec } from './spec/schema.js';
import { validateSpec } from './validate/validate-spec.js';

export { referencedFiles } from './spec/referenced-files.js';

export interface LoadedSpec {
  spec?: Spec;
  locator: Locator;
  diagnostics: Diagnostic[];
}

/** Load and shape-validate one spec file (the CLI needs the spec to find the files it references). */
export function parseSpec(file: SourceFile): LoadedSpec {
  const loaded = loadYaml(file);
  if (hasErrors(loaded.diagnostics)) return { locator: loaded.locator, diagnostics: loaded.diagnostics };
  const validated = validateSpec(loaded.value, loaded.locator, file.path);
  return { ...(validated.spec ? { spec: validated.spec } : {}), locator: loaded.locator, diagnostics: [...loaded.diagnostics, ...validated.diagnostics] };
}

/** Load, validate and check one spec file on its own (without the files it references or the lock). */
export function loadSpec(file: SourceFile): LoadedSpec {
  const parsed = parseSpec(file);
  if (!parsed.spec) return parsed;
  return { ...parsed, diagnostics: [...parsed.diagnostics, ...checkSpec(parsed.spec, { file: file.path, locator: parsed.locator })] };
}

export interface AnalyzeInput {
  spec: SourceFile;
  lock?: SourceFile;
  /** files the spec references, keyed by the path as written in the spec */
  files: ReadonlyMap<string, SourceFile>;
  /** referenced files that could not be read, with the reason (e.g. "no such file") or the problem, keyed like files */
  unreadable?: ReadonlyMap<string, string | FileProblem>;
}

export interface Analysis {
  /** every finding, sorted by position */
  diagnostics: Diagnostic[];
  spec?: Spec;
  /** the resolved model and the next lock, exactly when there are no errors */
  model?: Topology;
  lock?: Lock;
  lockText?: string;
}

/** `parsed` may be passed when the caller already parsed input.spec with parseSpec (the CLI does). */
export function analyze(input: AnalyzeInput, parsed: LoadedSpec = parseSpec(input.spec)): Analysis {
  const diagnostics = [...parsed.diagnostics];
  let previousLock: Lock | undefined;
  if (input.lock) {
    const lock = parseLock(input.lock);
    diagnostics.push(...lock.diagnostics);
    previousLock = lock.lock;
  }
  const { spec } = parsed;
  if (!spec) return { diagnostics: sortByPosition(diagnostics) };
  const context = { file: input.spec.path, locator: parsed.locator };
  const analysis = analyzeSpec(spec, context, { files: input.files, ...(input.unreadable ? { unreadable: input.unreadable } : {}), ...(previousLock ? { previousLock } : {}) }, hasErrors(diagnostics));
  // assigned, not spread: a spread would read (serialize) the lazy lockText
  return Object.assign(analysis, { diagnostics: sortByPosition([...diagnostics, ...analysis.diagnostics]), spec });
}

export interface SpecInputs {
  files: ReadonlyMap<string, SourceFile>;
  unreadable?: ReadonlyMap<string, string | FileProblem>;
  previousLock?: Lock;
}

/**
 * The analysis of a shape-valid spec: check it, and when that finds no errors (nor did the caller:
 * `failedBefore`, e.g. an unreadable lock), allocate and check the model.
 */
export function analyzeSpec(spec: Spec, context: CheckContext, inputs: SpecInputs, failedBefore = false): Omit<Analysis, 'spec'> {
  const diagnostics = [...checkSpec(spec, context), ...referencedFileDiagnostics(spec, context, inputs.files, inputs.unreadable)];
  if (failedBefore || hasErrors(diagnostics)) return { diagnostics: sortByPosition(diagnostics) };
  const allocation = allocate(spec, { ...(inputs.previousLock ? { previousLock: inputs.previousLock } : {}), files: inputs.files });
  const terraformClashes = terraformNameClashes(allocation.model);
  diagnostics.push(...checkModel({ spec, model: allocation.model, changes: allocation.changes, terraformClashes }, context));
  const sorted = sortByPosition(diagnostics);
  if (hasErrors(sorted)) return { diagnostics: sorted };
  const { lock } = allocation;
  let lockText: string | undefined;
  return {
    diagnostics: sorted,
    model: allocation.model,
    lock,
    /** serialized when first read: validate never reads it, and at 5,000 nodes it is 2 MB of YAML */
    get lockText(): string {
      return (lockText ??= serializeLock(lock));
    },
  };
}
