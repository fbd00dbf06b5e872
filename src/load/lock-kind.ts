// Whether a YAML file is a lock at all: `--lock` pointed at the spec, or at some other YAML file, gets
// one clear diagnostic instead of a list of "unrecognized keys".
import type { Diagnostic } from '../diagnostics/types.js';
import type { Locator } from './load-yaml.js';

/** Codes of the loader's input limits: a lock that breaks one keeps the code (it names the limit). */
export const INPUT_LIMIT_CODES: ReadonlySet<string> = new Set(['input-too-large', 'not-utf8', 'nesting-too-deep', 'string-too-long', 'control-character', 'merge-key', 'alias-limit']);

/** The not-a-lock diagnostic when the loaded value is no lock at all (a lock with bad entries is one). */
export function notALock(value: unknown, locator: Locator, file: string, lockKind: string): Diagnostic | undefined {
  const why = whyNotALock(value, lockKind);
  if (why === undefined) return undefined;
  const at = locator.value(['kind']) ?? locator.value([]);
  return {
    code: 'not-a-lock',
    severity: 'error',
    message: `${file} is not an egressc lock file: ${why}.`,
    hint: `The lock is the ${lockKind} file egressc build writes beside the spec (<metadata.name>.lock.yaml); point --lock at it, or at a path that does not exist yet.`,
    file,
    ...(at ? { range: at } : {}),
  };
}

function whyNotALock(value: unknown, lockKind: string): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'it is not a YAML mapping';
  const record = value as Record<string, unknown>;
  const kind = record['kind'];
  if (kind === 'EgressTopology') return 'it is a spec (kind: EgressTopology)';
  // a lock with a damaged kind is still a lock (lock-invalid says what is wrong with it)
  if (kind === lockKind || 'connectPeers' in record || 'firewall' in record) return undefined;
  return kind === undefined ? `it has no "kind: ${lockKind}"` : `its kind is ${JSON.stringify(kind).slice(0, 80)}, not ${lockKind}`;
}
