// Locale-independent ordering (code-unit comparison, never localeCompare): the same order everywhere.
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
export const byPath = <T extends { path: string }>(a: T, b: T): number => compareText(a.path, b.path);
export const byKey = <T extends { key: string }>(a: T, b: T): number => compareText(a.key, b.key);
