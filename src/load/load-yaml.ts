// Parses YAML keeping node positions, so every later diagnostic can point at file:line:col.
import { Composer, isMap, isPair, isScalar, isSeq, Lexer, LineCounter, Parser, visit, type CST, type Document, type Node, type Pair } from 'yaml';
import type { Diagnostic, SourceRange, SpecPath } from '../diagnostics/types.js';
import { MAX_ALIAS_EXPANSION, MAX_NESTING_DEPTH, MAX_STRING_LENGTH, MAX_YAML_ERRORS } from './limits.js';
import { nestingMeter } from './nesting.js';
import type { SourceFile } from './source.js';
import { documentProblems } from './scalars.js';

export { MAX_ALIAS_EXPANSION } from './limits.js';

export interface Locator {
  /** Range of the value at path, or of the nearest ancestor that exists. */
  value(path: SpecPath): SourceRange | undefined;
  /** Range of the key of the last path segment (falls back to the value). */
  key(path: SpecPath): SourceRange | undefined;
}

export interface LoadedYaml {
  value: unknown;
  locator: Locator;
  diagnostics: Diagnostic[];
}

const NO_LOCATOR: Locator = { value: () => undefined, key: () => undefined };

export function loadYaml(file: SourceFile): LoadedYaml {
  if (file.problems && file.problems.length > 0) return { value: undefined, locator: NO_LOCATOR, diagnostics: [...file.problems] };
  const lineCounter = new LineCounter();
  // uniqueKeys is off: the library's check is quadratic in a mapping's size (a lock can hold 30,000 rules);
  // documentProblems finds the same thing in one pass.
  const parsed = parseDocuments(file.text, lineCounter, { uniqueKeys: false, prettyErrors: false, strict: true, logLevel: 'error' });
  if ('deep' in parsed) {
    const deep = parsed.deep;
    const at = positionOf(file.text, deep);
    return {
      value: undefined,
      locator: NO_LOCATOR,
      diagnostics: [
        {
          code: 'nesting-too-deep',
          severity: 'error',
          message: `The YAML nests collections more than ${MAX_NESTING_DEPTH} levels deep here (egressc's spec and lock need fewer than 10).`,
          hint: 'Remove the extra brackets or indentation levels; egressc refuses deeper nesting before parsing it.',
          file: file.path,
          range: { start: at, end: at },
        },
      ],
    };
  }
  const docs = parsed.docs;
  const toRange = (start: number, end: number): SourceRange => {
    const s = lineCounter.linePos(start);
    const e = lineCounter.linePos(Math.max(start, end));
    return { start: { line: s.line, col: s.col }, end: { line: e.line, col: e.col } };
  };
  const diagnostics: Diagnostic[] = [];
  const first = docs[0];
  const locator = makeLocator(first, toRange);

  const problems = docs.map((doc) => documentProblems(doc, MAX_STRING_LENGTH));
  docs.forEach((doc, index) => {
    for (const error of doc.errors) {
      diagnostics.push({
        code: 'yaml-syntax',
        severity: 'error',
        message: firstLine(error.message),
        hint: 'Fix the YAML syntax at this position.',
        file: file.path,
        range: toRange(error.pos[0], error.pos[1]),
      });
    }
    for (const key of problems[index]!.duplicateKeys) {
      diagnostics.push({
        code: 'duplicate-key',
        severity: 'error',
        message: `The key "${String(key.value)}" appears twice in the same mapping.`,
        hint: 'Keep one of the two entries; YAML mappings cannot repeat a key.',
        file: file.path,
        range: toRange(key.range![0], key.range![1]),
      });
    }
  });
  for (const { scalars } of problems) {
    for (const problem of scalars) {
      diagnostics.push({ ...problem.diagnostic, severity: 'error', file: file.path, range: toRange(problem.range[0], problem.range[1]) });
    }
  }
  if (diagnostics.length > MAX_YAML_ERRORS) {
    // a broken file can hold one error per byte: the first ones are the ones to fix
    const shown = diagnostics.slice(0, MAX_YAML_ERRORS);
    const last = shown[shown.length - 1]!;
    shown.push({
      code: 'yaml-syntax',
      severity: 'error',
      message: `${diagnostics.length - MAX_YAML_ERRORS} more YAML problems follow; only the first ${MAX_YAML_ERRORS} are listed.`,
      hint: 'Fix the first problems; the rest often go with them.',
      file: file.path,
      ...(last.range ? { range: last.range } : {}),
    });
    diagnostics.splice(0, diagnostics.length, ...shown);
  }
  if (docs.length > 1) {
    const extra = docs[1]!;
    const start = extra.range[0];
    diagnostics.push({
      code: 'multiple-documents',
      severity: 'error',
      message: `The file holds ${docs.length} YAML documents; a spec is exactly one.`,
      hint: 'Remove the "---" separator and everything after it, or split the topologies into separate files.',
      file: file.path,
      range: toRange(start, start),
    });
  }
  if (!first || first.contents === null) {
    if (diagnostics.length === 0) {
      diagnostics.push({
        code: 'empty-document',
        severity: 'error',
        message: 'The file is empty.',
        hint: 'Start from fixtures/seed/topology.yaml.',
        file: file.path,
        range: toRange(0, 0),
      });
    }
    return { value: undefined, locator, diagnostics };
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { value: undefined, locator, diagnostics };

  let value: unknown;
  try {
    value = first.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const alias = /alias/i.test(message);
    diagnostics.push({
      code: alias ? 'alias-limit' : 'yaml-syntax',
      severity: 'error',
      message: alias
        ? `YAML aliases expand to more than ${MAX_ALIAS_EXPANSION} nodes.`
        : firstLine(message),
      hint: alias ? 'Write the repeated values out, or use fewer nested aliases.' : 'Fix the YAML at this position.',
      file: file.path,
      range: alias ? firstAliasRange(first, toRange) : toRange(0, 0),
    });
  }
  return { value, locator, diagnostics };
}

/**
 * The documents of a text, as the library's parseAllDocuments composes them, from one pass of its lexer
 * that also measures the nesting: a token nesting deeper than MAX_NESTING_DEPTH stops the pass before
 * the composer (which recurses once per level) sees its document.
 */
function parseDocuments(text: string, lineCounter: LineCounter, options: ConstructorParameters<typeof Composer>[0]): { docs: Document.Parsed[] } | { deep: number } {
  const parser = new Parser(lineCounter.addNewLine);
  const meter = nestingMeter(MAX_NESTING_DEPTH);
  let deep: number | undefined;
  function* tokens(): Generator<CST.Token> {
    lineCounter.addNewLine(0);
    for (const lexeme of new Lexer().lex(text)) {
      deep = meter(lexeme);
      if (deep !== undefined) return;
      yield* parser.next(lexeme);
    }
    yield* parser.end();
  }
  const docs = Array.from(new Composer(options).compose(tokens())) as Document.Parsed[];
  return deep === undefined ? { docs } : { deep };
}

/** Where the first alias is used: the place to start untangling the expansion. */
function firstAliasRange(doc: Document, toRange: (start: number, end: number) => SourceRange): SourceRange {
  let range: SourceRange | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (node.range) range = toRange(node.range[0], node.range[1]);
      return visit.BREAK;
    },
  });
  return range ?? toRange(0, 0);
}

/** The first line of a parser message, cut short: some quote the source (an alias name, a key). */
function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? text;
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE)}…` : line;
}

const MAX_MESSAGE = 200;

/** 1-based line and column of a text offset, without the parser's line counter. */
function positionOf(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

type ToRange = (start: number, end: number) => SourceRange;

function makeLocator(doc: Document | undefined, toRange: ToRange): Locator {
  const rangeOf = (node: Node | Pair | null | undefined): SourceRange | undefined => {
    const target = isPair(node) ? (node.key as Node | null) : node;
    const r = target && 'range' in target ? target.range : undefined;
    return r ? toRange(r[0], r[1]) : undefined;
  };
  const walk = (path: SpecPath): { node: Node | undefined; pair: Pair | undefined; nearest: Node | Pair | undefined; complete: boolean } => {
    let node = doc?.contents as Node | null | undefined;
    let pair: Pair | undefined;
    let nearest: Node | Pair | undefined = node ?? undefined;
    for (const segment of path) {
      pair = undefined;
      if (isMap(node)) {
        const found = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
        if (!found) return { node: undefined, pair: undefined, nearest, complete: false };
        pair = found;
        node = found.value as Node | null;
        nearest = node ?? found;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment] as Node | undefined;
        if (!item) return { node: undefined, pair: undefined, nearest, complete: false };
        node = item;
        nearest = item;
      } else {
        return { node: undefined, pair: undefined, nearest, complete: false };
      }
    }
    return { node: node ?? undefined, pair, nearest, complete: true };
  };
  return {
    value(path) {
      const found = walk(path);
      return rangeOf(found.complete ? (found.node ?? found.pair) : found.nearest);
    },
    key(path) {
      const found = walk(path);
      if (found.complete && found.pair) return rangeOf(found.pair);
      return rangeOf(found.complete ? found.node : found.nearest);
    },
  };
}
