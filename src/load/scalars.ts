// Every string of a spec or lock, keys included: no control characters (NUL, escape sequences and line
// breaks end up in generated files, PR comments and terminals), no string longer than the limit, and
// no YAML merge keys (YAML 1.2 has none: "<<" would be an ordinary key that silently merges nothing).
import { isScalar, visit, type Document, type Scalar } from 'yaml';
import type { Diagnostic } from '../diagnostics/types.js';

export interface ScalarProblem {
  diagnostic: Pick<Diagnostic, 'code' | 'message' | 'hint'>;
  /** offsets into the text */
  range: [number, number];
}

/** C0 and C1 controls, DEL, the Unicode line separators and the bidirectional overrides ("Trojan Source"). */
const CONTROL = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

export function scalarProblems(doc: Document, maxLength: number): ScalarProblem[] {
  const problems: ScalarProblem[] = [];
  const check = (node: Scalar, isKey: boolean): void => {
    if (typeof node.value !== 'string' || !node.range) return;
    const value = node.value;
    const range: [number, number] = [node.range[0], node.range[1]];
    if (isKey && value === '<<' && node.type === 'PLAIN') {
      problems.push({
        range,
        diagnostic: {
          code: 'merge-key',
          message: 'Merge keys (<<) are not supported; write the keys out.',
          hint: 'Copy the keys of the anchored mapping here instead of "<<: *anchor" (YAML 1.2 has no merge keys, so egressc would read "<<" as an unknown key).',
        },
      });
      return;
    }
    if (value.length > maxLength) {
      problems.push({
        range: [range[0], range[0]],
        diagnostic: {
          code: 'string-too-long',
          message: `A string of ${value.length} characters is longer than ${maxLength}, the most egressc accepts.`,
          hint: 'Shorten it; no field of a spec needs that much text.',
        },
      });
      return;
    }
    const control = CONTROL.exec(value);
    if (control) {
      const code = control[0].codePointAt(0)!;
      problems.push({
        range,
        diagnostic: {
          code: 'control-character',
          message: `${isKey ? 'A key' : 'A string'} contains the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}${NAMES[code] ? ` (${NAMES[code]})` : ''}; egressc accepts none in any string.`,
          hint:
            code === 0x0a
              ? 'Write the value on one line: a block scalar ("|" or ">") keeps line breaks; ">-" folds them and drops the last one.'
              : 'Remove the character (an escape such as "\\t" in double quotes writes one too).',
        },
      });
    }
  };
  visit(doc, {
    Pair(_key, pair) {
      if (isScalar(pair.key)) check(pair.key, true);
    },
    Scalar(key, node) {
      if (key !== 'key') check(node, false);
    },
  });
  return problems;
}

const NAMES: Record<number, string> = { 0x00: 'NUL', 0x09: 'tab', 0x0a: 'line feed', 0x0d: 'carriage return', 0x1b: 'escape', 0x7f: 'delete' };
