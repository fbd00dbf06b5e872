// The pure pipeline: load → validate → check → allocate → emit. No I/O here; the CLI reads and writes.
import { hasErrors, type Diagnostic } from './diagnostics/types.js';
import { allocate } from './allocate/allocate.js';
import { parseLock, serializeLock, type Lock } from './allocate/lock.js';
import { checkSpec } from './check/check-spec.js';
import { referencedFileDiagnostics } from './check/files.js';
import { emitAll } from './emit/index.js';
import type { Artifact } from './emit/types.js';
import { loadYaml, type Locator } from './load/load-yaml.js';
import type { SourceFile } from './load/source.js';
import type { Topology } from './model/types.js';
import type { Spec } from './spec/schema.js';
import { validateSpec } from './validate/validate-spec.js';

export interface LoadedSpec {
  spec?: Spec;
  locator: Locator;
  diagnostics: Diagnostic[];
}

/** Load, validate and check one spec file. */
export function loadSpec(file: SourceFile): LoadedSpec {
  const loaded = loadYaml(file);
  if (hasErrors(loaded.diagnostics)) return { locator: loaded.locator, diagnostics: loaded.diagnostics };
  const validated = validateSpec(loaded.value, loaded.locator, file.path);
  if (!validated.spec) return { locator: loaded.locator, diagnostics: [...loaded.diagnostics, ...validated.diagnostics] };
  const checked = checkSpec(validated.spec, { file: file.path, locator: loaded.locator });
  return { spec: validated.spec, locator: loaded.locator, diagnostics: [...loaded.diagnostics, ...checked] };
}

/** Paths (as written in the spec, relative to it) of the files the compiler needs to read. */
export function referencedFiles(spec: Spec): string[] {
  const paths = spec.spec.clusters.flatMap((cluster) =>
    cluster.multihop.strategy === 'templatePatch'
      ? [cluster.multihop.birdTemplate, cluster.multihop.bird6Template].filter((p): p is string => p !== undefined)
      : [],
  );
  return [...new Set(paths)].sort();
}

export interface CompileInput {
  spec: SourceFile;
  lock?: SourceFile;
  /** files the spec references, keyed by the path as written in the spec */
  files: ReadonlyMap<string, SourceFile>;
  /** referenced files that could not be read, with the reason (e.g. "no such file"), keyed like files */
  unreadable?: ReadonlyMap<string, string>;
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
  if (!allocation.model || hasErrors(diagnostics)) return { diagnostics, spec: loaded.spec, artifacts: [] };

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
