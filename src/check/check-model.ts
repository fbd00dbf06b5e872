// Checks over the resolved model: rules about names egressc derives from the spec with values only the
// allocation knows (e.g. the rule group's capacity). Findings point at the spec, like checkSpec's.
import type { Diagnostic } from '../diagnostics/types.js';
import { sortByPosition } from '../diagnostics/sort.js';
import type { Topology } from '../model/types.js';
import { checkAwsDerivedNames } from './aws-names.js';
import { collector, type CheckContext, type Report } from './context.js';

const MODEL_CHECKS: readonly ((model: Topology, report: Report) => void)[] = [checkAwsDerivedNames];

export function checkModel(model: Topology, context: CheckContext): Diagnostic[] {
  const { report, diagnostics } = collector(context);
  for (const check of MODEL_CHECKS) check(model, report);
  return sortByPosition(diagnostics);
}
