// Every string of a spec or lock, keys included: no control characters (NUL, escape sequences and line
// breaks end up in generated files, PR comments and terminals), no string longer than the limit, and
// no YAML merge keys (YAML 1.2 has none: "<<" would be an ordinary key that silently merges nothing).
// The same walk finds duplicate keys.
import { isMap, isPair, isScalar, isSeq, type Document, type Pair, type Scalar } from 'yaml';
import type { Diagnostic } from '../diagnostics/types.js';

export interface ScalarProblem {
  diagnostic: Pick<Diagnostic, 'code' | 'message' | 'hint'>;
  /** offsets into the text */
  range: [number, number];
}

/** C0 and C1 controls, DEL, the Unicode line separators and the bidirectional overrides ("Trojan Source"). */
const CONTROL = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/**
 * The duplicate keys (the second and later occurrence of each scalar key, per mapping) and the scalar
 * problems of a document, in document order, from one walk (the library's visit() is slower, and these
 * were two of them).
 */
export function documentProblems(doc: Document, maxLength: number): { duplicateKeys: Scalar[]; scalars: ScalarProblem[] } {
  const duplicateKeys: Scalar[] = [];
  const scalars: ScalarProblem[] = [];
  const check = (node: Scalar, isKey: boolean): void => {
    const problem = scalarProblem(node, isKey, maxLength);
    if (problem) scalars.push(problem);
  };
  // recursive: the nesting is at most MAX_NESTING_DEPTH (src/load/nesting.ts), and aliases are not followed
  const walk = (node: unknown): void => {
    if (isScalar(node)) check(node, false);
    else if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isScalar(pair.key) || !pair.key.range) continue;
        const identity = `${typeof pair.key.value}:${String(pair.key.value)}`;
        if (seen.has(identity)) duplicateKeys.push(pair.key);
        seen.add(identity);
      }
      for (const pair of node.items) walkPair(pair);
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item);
    } else if (isPair(node)) walkPair(node);
  };
  const walkPair = (pair: Pair): void => {
    if (isScalar(pair.key)) check(pair.key, true);
    else walk(pair.key);
    walk(pair.value);
  };
  walk(doc.contents);
  return { duplicateKeys, scalars };
}

function scalarProblem(node: Scalar, isKey: boolean, maxLength: number): ScalarProblem | undefined {
  if (typeof node.value !== 'string' || !node.range) return undefined;
  const value = node.value;
  const range: [number, number] = [node.range[0], node.range[1]];
  if (isKey && value === '<<' && node.type === 'PLAIN') {
    return {
      range,
      diagnostic: {
        code: 'merge-key',
        message: 'Merge keys (<<) are not supported; write the keys out.',
        hint: 'Copy the keys of the anchored mapping here instead of "<<: *anchor" (YAML 1.2 has no merge keys, so egressc would read "<<" as an unknown key).',
      },
    };
  }
  if (value.length > maxLength) {
    return {
      range: [range[0], range[0]],
      diagnostic: {
        code: 'string-too-long',
        message: `A string of ${value.length} characters is longer than ${maxLength}, the most egressc accepts.`,
        hint: 'Shorten it; no field of a spec needs that much text.',
      },
    };
  }
  const control = CONTROL.exec(value);
  if (!control) return undefined;
  const code = control[0].codePointAt(0)!;
  return {
    range,
    diagnostic: {
      code: 'control-character',
      message: `${isKey ? 'A key' : 'A string'} contains the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}${NAMES[code] ? ` (${NAMES[code]})` : ''}; egressc accepts none in any string.`,
      hint:
        code === 0x0a
          ? 'Write the value on one line: a block scalar ("|" or ">") keeps line breaks; ">-" folds them and drops the last one.'
          : 'Remove the character (an escape such as "\\t" in double quotes writes one too).',
    },
  };
}

const NAMES: Record<number, string> = { 0x00: 'NUL', 0x09: 'tab', 0x0a: 'line feed', 0x0d: 'carriage return', 0x1b: 'escape', 0x7f: 'delete' };
