// Files the spec references (BIRD templates): each one that could not be read becomes a diagnostic at
// the spec line naming it, so a typo in a path is reported like any other spec error; each one read is
// checked for what the compiler needs of it (check/templates.ts).
import type { Diagnostic } from '../diagnostics/types.js';
import type { SourceFile } from '../load/source.js';
import type { Spec } from '../spec/schema.js';
import { collector, type CheckContext } from './context.js';
import { checkTemplates } from './templates.js';

export function referencedFileDiagnostics(
  spec: Spec,
  context: CheckContext,
  files: ReadonlyMap<string, SourceFile>,
  /** why a file could not be read, keyed by the path as written in the spec */
  unreadable: ReadonlyMap<string, string> = new Map(),
): Diagnostic[] {
  const { report, diagnostics } = collector(context);
  spec.spec.clusters.forEach((cluster, c) => {
    if (cluster.multihop.strategy !== 'templatePatch') return;
    for (const key of ['birdTemplate', 'bird6Template'] as const) {
      const path = cluster.multihop[key];
      if (path === undefined || files.has(path)) continue;
      const why = unreadable.get(path) ?? 'no such file';
      report({
        code: 'file-not-found',
        path: ['spec', 'clusters', c, 'multihop', key],
        message: `Cannot read ${key} "${path}" of cluster "${cluster.name}": ${why}.`,
        hint: 'The path is relative to the spec file; fix it or add the upstream template there.',
      });
    }
  });
  checkTemplates(spec, files, report);
  return diagnostics;
}
