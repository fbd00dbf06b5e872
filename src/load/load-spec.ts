// Load, validate and check one spec file: the front half of the pipeline, kept apart from compile.ts
// so that `egressc validate` does not import the allocator and the emitters (and their templating).
import { checkSpec } from '../check/check-spec.js';
import { hasErrors, type Diagnostic } from '../diagnostics/types.js';
import type { Spec } from '../spec/schema.js';
import { validateSpec } from '../validate/validate-spec.js';
import { loadYaml, type Locator } from './load-yaml.js';
import type { SourceFile } from './source.js';

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
