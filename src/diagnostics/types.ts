// Diagnostics are data. Presentation (text, json, github) lives in src/diagnostics/format-*.ts.
import type { DiagnosticCode } from './codes.js';

export type { DiagnosticCode };

export type Severity = 'error' | 'warning' | 'info';

/** A path into the spec document, e.g. ['spec', 'clusters', 0, 'peeringNodes', 1, 'vpcIp']. */
export type SpecPath = readonly (string | number)[];

export interface SourcePosition {
  /** 1-based line */
  line: number;
  /** 1-based column */
  col: number;
}

export interface SourceRange {
  start: SourcePosition;
  end: SourcePosition;
}

export interface Diagnostic {
  /** Stable, kebab-case code, e.g. "cidr-overlap". Documented in docs/diagnostics.md. */
  code: string;
  severity: Severity;
  /** What is wrong, one sentence. */
  message: string;
  /** How to fix it. */
  hint?: string;
  /** Where in the spec, when the problem belongs to a spec node. */
  path?: SpecPath;
  /** File the range refers to (the spec, the lock, a template). */
  file?: string;
  range?: SourceRange;
}

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((d) => d.severity === 'error');
