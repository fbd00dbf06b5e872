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
}

/**
 * One emitter per target: a pure function from the resolved model to files. It reports nothing: every
 * user-facing rule is in src/check and ran before (src/analyze.ts), so the model it gets is checked.
 */
export type Emitter = (model: Topology) => EmitResult;
