// Files the spec references (BIRD templates): each one that could not be read becomes a diagnostic at
// the spec line naming it, so a typo in a path is reported like any other spec error; each one read is
// checked for what the compiler needs of it (check/templates.ts).
import type { Diagnostic } from '../diagnostics/types.js';
import { FILE_NOT_FOUND_HINT, type FileProblem } from '../load/file-problem.js';
import type { SourceFile } from '../load/source.js';
import type { Spec } from '../spec/schema.js';
import { collector, type CheckContext } from './context.js';
import { checkTemplates } from './templates.js';

export function referencedFileDiagnostics(
  spec: Spec,
  context: CheckContext,
  files: ReadonlyMap<string, SourceFile>,
  /** why a file could not be read (a reason, or a problem with its own code), keyed by the path as written in the spec */
  unreadable: ReadonlyMap<string, string | FileProblem> = new Map(),
): Diagnostic[] {
  const { report, diagnostics } = collector(context);
  spec.spec.clusters.forEach((cluster, c) => {
    if (cluster.multihop.strategy !== 'templatePatch') return;
    for (const key of ['birdTemplate', 'bird6Template'] as const) {
      const path = cluster.multihop[key];
      if (path === undefined) continue;
      const at = ['spec', 'clusters', c, 'multihop', key];
      const file = files.get(path);
      if (file) {
        for (const problem of shippedTextProblems(file.text)) report({ ...problem, path: at, message: `${key} "${path}" of cluster "${cluster.name}" ${problem.message}` });
        continue;
      }
      const found = unreadable.get(path) ?? 'no such file';
      const problem: FileProblem = typeof found === 'string' ? { code: 'file-not-found', why: found, hint: FILE_NOT_FOUND_HINT } : found;
      report({
        code: problem.code,
        path: at,
        message: `Cannot read ${key} "${path}" of cluster "${cluster.name}": ${problem.why}.`,
        hint: problem.hint,
      });
    }
  });
  checkTemplates(spec, files, report);
  return diagnostics;
}

/**
 * A template is shipped as it is (into a ConfigMap that confd renders for BIRD): a byte order mark or
 * carriage returns make BIRD refuse the rendered config ("Unknown character"). Refused, not
 * normalised: the file in the repository stays the one whose sha256 the output records.
 */
function shippedTextProblems(text: string): { code: string; message: string; hint: string }[] {
  const problems: { code: string; message: string; hint: string }[] = [];
  if (text.startsWith('\uFEFF')) {
    problems.push({
      code: 'template-bom',
      message: 'starts with a UTF-8 byte order mark, which BIRD rejects.',
      hint: "Remove it: sed -i '1s/^\\xEF\\xBB\\xBF//' FILE (or save as UTF-8 without BOM).",
    });
  }
  const cr = text.indexOf('\r');
  if (cr !== -1) {
    const line = text.slice(0, cr).split('\n').length;
    problems.push({
      code: 'template-crlf',
      message: `has a carriage return (CRLF line ends) at line ${line}, which BIRD rejects.`,
      hint: "Convert it to LF line ends: sed -i 's/\\r$//' FILE (or dos2unix FILE), and set \"*.template text eol=lf\" in .gitattributes.",
    });
  }
  return problems;
}
