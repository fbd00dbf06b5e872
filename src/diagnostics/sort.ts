// Diagnostics in reading order: by line, then column, then code.
import type { Diagnostic } from './types.js';

export function sortByPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => {
    const al = a.range?.start.line ?? 0;
    const bl = b.range?.start.line ?? 0;
    if (al !== bl) return al - bl;
    const ac = a.range?.start.col ?? 0;
    const bc = b.range?.start.col ?? 0;
    if (ac !== bc) return ac - bc;
    return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  });
}
