// Library entry point: the pure API.
export { analyze, compile, loadSpec, referencedFiles } from './compile.js';
export type { Analysis, CompileInput, CompileOutput, LoadedSpec } from './compile.js';
export type { SourceFile } from './load/source.js';
export type { Diagnostic, Severity, SpecPath, SourceRange } from './diagnostics/types.js';
export type { Artifact, Emitter, EmitResult } from './emit/types.js';
export type * from './model/types.js';
export type { Spec, SpecInput } from './spec/schema.js';
export { specSchema } from './spec/schema.js';
export type { Lock } from './allocate/lock.js';
