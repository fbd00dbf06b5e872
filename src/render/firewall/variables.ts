// Names of egressc's own rule variables. AWS allows 1-32 characters matching ^[A-Za-z][A-Za-z0-9_]*$;
// spec names are DNS labels (up to 63 characters, lower-case, digits, "-"), so "-" becomes "_" (DNS labels
// never contain "_", so this is injective) and an over-long name is cut and suffixed with a hash of the
// whole name, which keeps distinct names distinct and the result deterministic.

export const VARIABLE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
export const MAX_VARIABLE_NAME_LENGTH = 32;

/** FNV-1a, 32 bit: a tiny, stable, dependency-free hash for name suffixes. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).toUpperCase().padStart(8, '0');
}

function variableName(prefix: string, name: string): string {
  const body = name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  const full = `${prefix}_${body}`;
  if (full.length <= MAX_VARIABLE_NAME_LENGTH) return full;
  const suffix = `_${fnv1a(name)}`;
  return full.slice(0, MAX_VARIABLE_NAME_LENGTH - suffix.length) + suffix;
}

/** IP set variable holding an egress gateway's pool, e.g. egw-database → GW_EGW_DATABASE */
export const gatewayVariable = (gateway: string): string => variableName('GW', gateway);

/** IP set variable holding a service's addresses, e.g. database → SVC_DATABASE */
export const serviceVariable = (service: string): string => variableName('SVC', service);
