// How deep a YAML text nests, measured on the lexer's tokens (iteratively, stopping at the limit) before
// the composer sees them: it recurses once per level, and a few thousand levels in a 16 KiB file would
// otherwise exhaust the stack or the heap. src/load/load-yaml.ts feeds the tokens the parser reads (one
// lexer pass for both); nestingBeyond measures a text on its own.
import { Lexer } from 'yaml';
import { MAX_NESTING_DEPTH } from './limits.js';

/** Where the text first nests deeper than `limit` (an offset into the text), if it does. */
export function nestingBeyond(text: string, limit: number = MAX_NESTING_DEPTH): number | undefined {
  const meter = nestingMeter(limit);
  for (const token of new Lexer().lex(text)) {
    const at = meter(token);
    if (at !== undefined) return at;
  }
  return undefined;
}

/**
 * A meter fed the lexer's tokens in order: returns the offset of the token that nests deeper than
 * `limit` (and is then done), else undefined.
 */
export function nestingMeter(limit: number = MAX_NESTING_DEPTH): (token: string) => number | undefined {
  // The block collections open at the columns on this stack; flow collections count on top. This is
  // an upper bound of the depth the composer sees: every block collection nested in another starts at
  // a greater column, except a sequence written at its parent key's column ("key:\n- item"), kept
  // apart by its kind. A flow sequence counts 2 (an entry "a: b" in it is a mapping of its own), and
  // inside a flow collection one more level is counted for the mapping a flow key ("[a]: b") opens.
  const block: { col: number; seq: boolean }[] = [];
  const flows: number[] = [];
  let flow = 0;
  let offset = 0;
  let lineStart = 0;
  // column where the current node (a key, or an indicator's content) starts on its line
  let nodeCol = -1;
  const open = (col: number, seq: boolean): void => {
    while (block.length > 0) {
      const top = block[block.length - 1]!;
      if (top.col < col || (top.col === col && seq && !top.seq)) break;
      block.pop();
    }
    block.push({ col, seq });
  };
  return (token) => {
    const start = offset;
    // the lexer's markers (document start, scalar, flow error end) stand for no source text
    if (!(token.length === 1 && (token === '\x02' || token === '\x1f' || token === '\x18'))) offset += token.length;
    const col = start - lineStart;
    const newline = token.lastIndexOf('\n');
    if (newline !== -1) lineStart = start + newline + 1;
    if (token === '\x02' || (token.startsWith('---') && col === 0) || (token.startsWith('...') && col === 0)) {
      block.length = 0;
      flows.length = 0;
      flow = 0;
      nodeCol = -1;
      return undefined;
    }
    switch (token[0]) {
      case '[':
      case '{':
        if (token.length !== 1) break;
        if (flow === 0 && nodeCol === -1) nodeCol = col;
        flows.push(token === '[' ? 2 : 1);
        flow += flows[flows.length - 1]!;
        if (block.length + flow + 1 > limit) return start;
        return undefined;
      case ']':
      case '}':
        if (token.length === 1 && flows.length > 0) flow -= flows.pop()!;
        return undefined;
    }
    if (flow > 0) return undefined;
    if (newline !== -1 || token === '\n' || token === '\r\n') {
      nodeCol = -1;
      return undefined;
    }
    if (token === '-' || token === '?') {
      open(col, token === '-');
      nodeCol = -1;
    } else if (token === ':') {
      open(nodeCol === -1 ? col : nodeCol, false);
      nodeCol = -1;
    } else if (token.trim() !== '' && !token.startsWith('#') && nodeCol === -1 && token !== '\x1f') {
      nodeCol = col;
      return undefined;
    } else {
      return undefined;
    }
    return block.length + flow > limit ? start : undefined;
  };
}
