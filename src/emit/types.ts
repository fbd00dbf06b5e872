import type { Diagnostic } from '../diagnostics/types.js';
import type { Topology } from '../model/types.js';

export interface Artifact {
  /** POSIX path relative to the output directory */
  path: string;
  content: string;
  /** file mode the writer applies */
  mode: 0o644 | 0o600;
}

export interface EmitResult {
  artifacts: Artifact[];
  diagnostics: Diagnostic[];
}

/** One emitter per target: a pure function from the resolved model to files. */
export type Emitter = (model: Topology) => EmitResult;
