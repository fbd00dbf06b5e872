// Quoting for ifcfg files. initscripts reads them by sourcing them with bash (network-functions'
// source_config: `. /etc/sysconfig/network-scripts/$CONFIG`), so every value must be a shell word
// that bash turns back into exactly the original string: no expansion, no word splitting.
import { requireWellFormed } from './unrepresentable.js';

/** Characters that mean nothing to bash in the value of an assignment (no `~`: tilde expansion applies after `=` and `:`). */
const PLAIN_WORD = /^[A-Za-z0-9_.,:/@%+=-]+$/;
const CONTROL = /[\u0000-\u001f\u007f]/;

/** One ifcfg value as a bash word that reads back as `value`. */
export function ifcfgValue(value: string): string {
  requireWellFormed('an ifcfg file', value);
  if (PLAIN_WORD.test(value)) return value;
  // Control characters (a newline would end the line for line-oriented readers) go through ANSI-C
  // quoting, where they become \xHH; always two hex digits, so a following hex letter is not absorbed.
  if (CONTROL.test(value)) {
    const escaped = [...value]
      .map((c) => {
        if (c === '\\' || c === "'") return `\\${c}`;
        if (CONTROL.test(c)) return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
        return c;
      })
      .join('');
    return `$'${escaped}'`;
  }
  // Inside single quotes nothing is special except the quote itself, which is closed, escaped and reopened.
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
