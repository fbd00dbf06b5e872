// Machine format: a JSON array, one object per diagnostic, keys in a fixed order, absent fields left out.
import type { Diagnostic } from './types.js';

export interface JsonDiagnostic {
  code: string;
  severity: Diagnostic['severity'];
  message: string;
  hint?: string;
  file?: string;
  line?: number;
  col?: number;
  endLine?: number;
  endCol?: number;
  path?: (string | number)[];
}

export function toJsonDiagnostic(d: Diagnostic): JsonDiagnostic {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...(d.hint !== undefined ? { hint: d.hint } : {}),
    ...(d.file !== undefined ? { file: d.file } : {}),
    ...(d.range
      ? { line: d.range.start.line, col: d.range.start.col, endLine: d.range.end.line, endCol: d.range.end.col }
      : {}),
    ...(d.path !== undefined ? { path: [...d.path] } : {}),
  };
}

export function formatJson(diagnostics: readonly Diagnostic[]): string {
  return `${JSON.stringify(diagnostics.map(toJsonDiagnostic), null, 2)}\n`;
}
