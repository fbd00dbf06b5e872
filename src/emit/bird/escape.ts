// Escaping for BIRD 1.6 configuration text. BIRD's lexer has no escape sequences: a string is
// everything between two double quotes on one line, and a symbol is either a bare identifier or a
// single-quoted run of [A-Za-z0-9_.:-]. Keywords are lower-case and case-sensitive.

const BARE_SYMBOL = /^[A-Z][A-Za-z0-9_]*$/;
const QUOTABLE_SYMBOL = /^[A-Za-z0-9_.:-]+$/;

/**
 * A BIRD symbol (protocol, filter or function name). Names starting with an upper-case letter can never
 * be keywords and stay bare (so they read as `birdc show protocols` prints them); anything else is quoted.
 * Throws for a name BIRD cannot represent at all: callers build names from DNS labels and addresses.
 */
export function birdSymbol(name: string): string {
  if (BARE_SYMBOL.test(name)) return name;
  if (QUOTABLE_SYMBOL.test(name)) return `'${name}'`;
  throw new Error(`cannot be a BIRD symbol (allowed: letters, digits, "_", ".", ":", "-"): ${JSON.stringify(name)}`);
}

/**
 * A BIRD string literal. BIRD cannot escape a double quote or a line break inside a string, so those
 * (and other control characters) become "_"; the result is for humans (descriptions), never parsed back.
 */
export function birdString(text: string): string {
  return `"${text.replace(/["\u0000-\u001f\u007f]/g, '_')}"`;
}

/** A `#` comment line's text: one line, whatever the input holds. */
export function birdCommentText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}
