// Text for `#` comment lines and for the whitespace-separated fields of initscripts' route files.
import { requireWellFormed, UnrepresentableValueError } from './unrepresentable.js';

/** A value shown inside a `#` comment: control characters (a newline would end the comment) become spaces. */
export function commentText(value: string): string {
  requireWellFormed('a comment', value);
  return value.replace(/[\u0000-\u001f\u007f]/g, ' ');
}

/**
 * One field of a route-<dev> line. initscripts' ifup-routes reads each line with `read line` and
 * passes `$line` unquoted to `ip route add` (handle_ip_file), so a field cannot be quoted at all:
 * whitespace would split it, `\` is eaten by `read`, glob characters expand. Only safe characters pass.
 */
export function ipRouteField(value: string): string {
  requireWellFormed('a route file', value);
  if (!/^[A-Za-z0-9_.:/@%+=-]+$/.test(value)) {
    throw new UnrepresentableValueError('a route file', value, 'fields of route-<dev> lines cannot be quoted; only letters, digits and _.:/@%+=- are allowed');
  }
  return value;
}
