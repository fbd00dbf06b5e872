// Chooses a presentation of diagnostics by name (the --format option).
import { formatGithub } from './format-github.js';
import { formatJson } from './format-json.js';
import { formatText, type Sources } from './format-text.js';
import type { Diagnostic } from './types.js';

export const FORMATS = ['text', 'json', 'github'] as const;
export type FormatName = (typeof FORMATS)[number];

export function formatDiagnostics(format: FormatName, diagnostics: readonly Diagnostic[], sources: Sources = new Map()): string {
  switch (format) {
    case 'text':
      return formatText(diagnostics, sources);
    case 'json':
      return formatJson(diagnostics);
    case 'github':
      return formatGithub(diagnostics);
  }
}

/** json is data for a program and goes to stdout; text and github are reports and go to stderr. */
export const formatStream = (format: FormatName): 'stdout' | 'stderr' => (format === 'json' ? 'stdout' : 'stderr');
