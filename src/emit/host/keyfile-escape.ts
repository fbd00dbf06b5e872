// Escaping for NetworkManager keyfiles. NetworkManager reads them with GLib's GKeyFile, whose string
// values use backslash escapes (\\ \n \r \t, and \s for a space GLib would otherwise trim).
import { requireWellFormed, UnrepresentableValueError } from './unrepresentable.js';

const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One keyfile string value that GKeyFile reads back as `value`. */
export function keyfileValue(value: string): string {
  requireWellFormed('a NetworkManager keyfile', value);
  // GKeyFile also skips a form feed after `=` and has no escape for it.
  if (value.startsWith('\f')) throw new UnrepresentableValueError('a NetworkManager keyfile', value, 'GKeyFile drops a leading form feed');
  const escaped = value.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c] ?? c);
  // GKeyFile drops the spaces after `=`, so leading spaces must be \s. It keeps trailing ones, but
  // editors that strip trailing whitespace would not: escape those too.
  const leading = /^ */.exec(escaped)?.[0].length ?? 0;
  if (leading === escaped.length) return '\\s'.repeat(leading);
  const trailing = / *$/.exec(escaped)?.[0].length ?? 0;
  return '\\s'.repeat(leading) + escaped.slice(leading, escaped.length - trailing) + '\\s'.repeat(trailing);
}
