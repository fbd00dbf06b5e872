// The pure pipeline: the shared analysis (src/analyze.ts: load → validate → check → allocate → check
// the model), then emit. No I/O here; the CLI reads and writes.
import { analyze, type AnalyzeInput, type Analysis, type LoadedSpec } from './analyze.js';
import { emitAll } from './emit/index.js';
import type { Artifact } from './emit/types.js';

export { analyze, analyzeSpec, loadSpec, parseSpec, referencedFiles, type Analysis, type LoadedSpec } from './analyze.js';

export type CompileInput = AnalyzeInput;

export interface CompileOutput extends Analysis {
  /** every artifact, sorted by path; empty when the spec has errors */
  artifacts: Artifact[];
}

/** `loaded` may be passed when the caller already loaded input.spec (see analyze). */
export function compile(input: CompileInput, loaded?: LoadedSpec): CompileOutput {
  const analysis = loaded ? analyze(input, loaded) : analyze(input);
  return { ...analysis, artifacts: analysis.model ? emitAll(analysis.model).artifacts : [] };
}
