// IPv4 arithmetic on unsigned 32-bit numbers. Parsing is strict (dotted quad, no leading zeros) so a
// value the allocator accepts is exactly the value it writes back.

export interface Ipv4Network {
  /** network address as an unsigned 32-bit number (host bits cleared) */
  base: number;
  prefix: number;
  /** the address part as written had no host bits set */
  canonical: boolean;
}

const ZERO = 48; // '0'
const NINE = 57; // '9'
const DOT = 46; // '.'

/** Dotted quad of decimal octets 0-255 without leading zeros; a hand-written loop (hot at thousands of nodes). */
export function parseIpv4(text: string): number | undefined {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === DOT) {
      if (digits === 0 || dots === 3) return undefined;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c >= ZERO && c <= NINE) {
      if (digits > 0 && octet === 0) return undefined; // leading zero
      octet = octet * 10 + (c - ZERO);
      digits++;
      if (octet > 255) return undefined;
    } else {
      return undefined;
    }
  }
  if (digits === 0 || dots !== 3) return undefined;
  return value * 256 + octet;
}

export function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

export const networkSize = (prefix: number): number => 2 ** (32 - prefix);

export function parseCidr(text: string): Ipv4Network | undefined {
  const match = /^([0-9.]+)\/(\d{1,2})$/.exec(text);
  if (!match) return undefined;
  const address = parseIpv4(match[1]!);
  const prefix = Number(match[2]);
  if (address === undefined || prefix > 32 || String(prefix) !== match[2]) return undefined;
  const size = networkSize(prefix);
  const base = address - (address % size);
  return { base, prefix, canonical: base === address };
}

export const formatCidr = (network: Pick<Ipv4Network, 'base' | 'prefix'>): string => `${formatIpv4(network.base)}/${network.prefix}`;

export function containsAddress(network: Pick<Ipv4Network, 'base' | 'prefix'>, address: number): boolean {
  return address >= network.base && address < network.base + networkSize(network.prefix);
}

export function containsNetwork(outer: Pick<Ipv4Network, 'base' | 'prefix'>, inner: Pick<Ipv4Network, 'base' | 'prefix'>): boolean {
  return inner.prefix >= outer.prefix && containsAddress(outer, inner.base);
}

/** Numeric order: by network address, then by prefix length (shorter first). */
export function compareCidrs(a: string, b: string): number {
  const na = parseCidr(a);
  const nb = parseCidr(b);
  if (!na || !nb) return a < b ? -1 : a > b ? 1 : 0;
  return na.base - nb.base || na.prefix - nb.prefix;
}
