// Semantic checks over a shape-valid spec: all problems collected in one pass.
import type { Diagnostic } from '../diagnostics/types.js';
import type { Locator } from '../load/load-yaml.js';
import type { Spec } from '../spec/schema.js';

export interface CheckContext {
  file: string;
  locator: Locator;
}

export function checkSpec(_spec: Spec, _context: CheckContext): Diagnostic[] {
  return [];
}
