// Turns a checked spec plus the previous lock into the resolved model and the next lock.
import type { Diagnostic } from '../diagnostics/types.js';
import type { Locator } from '../load/load-yaml.js';
import type { SourceFile } from '../load/source.js';
import type { Topology } from '../model/types.js';
import type { Spec } from '../spec/schema.js';
import { emptyLock, type Lock } from './lock.js';

export interface AllocateContext {
  file: string;
  locator: Locator;
  previousLock?: Lock;
  /** files the spec references, keyed by the path as written in the spec */
  files: ReadonlyMap<string, SourceFile>;
}

export interface Allocation {
  model?: Topology;
  lock: Lock;
  diagnostics: Diagnostic[];
}

export function allocate(_spec: Spec, context: AllocateContext): Allocation {
  return { lock: context.previousLock ?? emptyLock(), diagnostics: [] };
}
