// Escaping for NetworkManager keyfiles. NetworkManager reads them with GLib's GKeyFile, whose string
// values use backslash escapes (\\ \n \r \t, and \s for a space GLib would otherwise trim).
import { requireWellFormed } from './unrepresentable.js';

const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One keyfile string value that GKeyFile reads back as `value`. */
export function keyfileValue(value: string): string {
  requireWellFormed('a NetworkManager keyfile', value);
  const escaped = value.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c] ?? c);
  // GKeyFile drops whitespace after `=`; escape leading and trailing spaces so they survive.
  const leading = /^ */.exec(escaped)?.[0].length ?? 0;
  if (leading === escaped.length) return '\\s'.repeat(leading);
  const trailing = / *$/.exec(escaped)?.[0].length ?? 0;
  return '\\s'.repeat(leading) + escaped.slice(leading, escaped.length - trailing) + '\\s'.repeat(trailing);
}
