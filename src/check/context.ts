// What every check receives, and one way to build a diagnostic that points at a spec node.
import type { Diagnostic, Severity, SpecPath } from '../diagnostics/types.js';
import type { Locator } from '../load/load-yaml.js';

export interface CheckContext {
  file: string;
  locator: Locator;
}

export interface Finding {
  code: string;
  path: SpecPath;
  message: string;
  hint: string;
  severity?: Severity;
  /** point at the key instead of the value (e.g. for a missing or surplus field) */
  atKey?: boolean;
}

export type Report = (finding: Finding) => void;

export function collector(context: CheckContext): { report: Report; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const report: Report = (finding) => {
    const range = finding.atKey ? context.locator.key(finding.path) : context.locator.value(finding.path);
    diagnostics.push({
      code: finding.code,
      severity: finding.severity ?? 'error',
      message: finding.message,
      hint: finding.hint,
      path: finding.path,
      file: context.file,
      ...(range ? { range } : {}),
    });
  };
  return { report, diagnostics };
}

/** Gives a diagnostic built with a spec path only (e.g. by the firewall lint) its file and range. */
export function place(context: CheckContext, diagnostic: Diagnostic): Diagnostic {
  if (diagnostic.file !== undefined || !diagnostic.path) return diagnostic;
  const range = context.locator.value(diagnostic.path);
  return { ...diagnostic, file: context.file, ...(range ? { range } : {}) };
}

export { showPath } from '../diagnostics/spec-path.js';
