// The pure pipeline: load → validate → check → allocate → emit. No I/O here; the CLI reads and writes.
import { hasErrors, type Diagnostic } from './diagnostics/types.js';
import { allocate } from './allocate/allocate.js';
import { parseLock, serializeLock, type Lock } from './allocate/lock.js';
import { collector } from './check/context.js';
import { checkExpectations, checkReachability } from './check/reachability.js';
import { referencedFileDiagnostics } from './check/files.js';
import { checkModel } from './check/check-model.js';
import { emitAll } from './emit/index.js';
import type { Artifact } from './emit/types.js';
import { loadSpec } from './load/load-spec.js';
import type { FileProblem } from './load/file-problem.js';
import type { SourceFile } from './load/source.js';
import type { Topology } from './model/types.js';
import type { Spec } from './spec/schema.js';

// loadSpec and referencedFiles live in src/load/load-spec.ts (light to import); re-exported here.
export { loadSpec, referencedFiles, type LoadedSpec } from './load/load-spec.js';

export interface CompileInput {
  spec: SourceFile;
  lock?: SourceFile;
  /** files the spec references, keyed by the path as written in the spec */
  files: ReadonlyMap<string, SourceFile>;
  /** referenced files that could not be read, with the reason (e.g. "no such file") or the problem, keyed like files */
  unreadable?: ReadonlyMap<string, string | FileProblem>;
}

export interface CompileOutput {
  diagnostics: Diagnostic[];
  spec?: Spec;
  model?: Topology;
  lock?: Lock;
  lockText?: string;
  artifacts: Artifact[];
}

export function compile(input: CompileInput): CompileOutput {
  const loaded = loadSpec(input.spec);
  const diagnostics = [...loaded.diagnostics];
  if (loaded.spec) {
    diagnostics.push(...referencedFileDiagnostics(loaded.spec, { file: input.spec.path, locator: loaded.locator }, input.files, input.unreadable));
  }
  let previousLock: Lock | undefined;
  if (input.lock) {
    const parsed = parseLock(input.lock);
    diagnostics.push(...parsed.diagnostics);
    previousLock = parsed.lock;
  }
  if (!loaded.spec || hasErrors(diagnostics)) return { diagnostics, artifacts: [] };

  const allocation = allocate(loaded.spec, {
    file: input.spec.path,
    locator: loaded.locator,
    ...(previousLock ? { previousLock } : {}),
    files: input.files,
  });
  diagnostics.push(...allocation.diagnostics);
  // Rules over derived names (they need the allocation). Until the one-checker hook (issue 13) runs the
  // same analysis for validate, they run here, in build only.
  if (allocation.model) diagnostics.push(...checkModel(allocation.model, { file: input.spec.path, locator: loaded.locator }));
  if (!allocation.model || hasErrors(diagnostics)) return { diagnostics, spec: loaded.spec, artifacts: [] };

  // Model checks over the path model (until the checker's model-check hook runs them for validate too).
  const modelChecks = collector({ file: input.spec.path, locator: loaded.locator });
  checkReachability(loaded.spec, allocation.model, modelChecks.report);
  checkExpectations(loaded.spec, allocation.model, modelChecks.report);
  diagnostics.push(...modelChecks.diagnostics);
  if (hasErrors(diagnostics)) return { diagnostics, spec: loaded.spec, model: allocation.model, artifacts: [] };

  const emitted = emitAll(allocation.model);
  diagnostics.push(...emitted.diagnostics);
  const ok = !hasErrors(diagnostics);
  return {
    diagnostics,
    spec: loaded.spec,
    model: allocation.model,
    lock: allocation.lock,
    lockText: serializeLock(allocation.lock),
    artifacts: ok ? emitted.artifacts : [],
  };
}
