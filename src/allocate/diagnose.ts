// Builds allocation diagnostics that point at the spec node they concern.
import type { Diagnostic, Severity, SpecPath } from '../diagnostics/types.js';
import type { Locator } from '../load/load-yaml.js';

export interface SpecLocation {
  file: string;
  locator: Locator;
}

export function specDiagnostic(
  where: SpecLocation,
  severity: Severity,
  code: string,
  path: SpecPath,
  message: string,
  hint: string,
): Diagnostic {
  return { code, severity, message, hint, path, file: where.file, range: where.locator.value(path) };
}
