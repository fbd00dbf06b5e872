// CIDR helpers for the checks, built on the strict IPv4 arithmetic of src/allocate/ipv4.ts (one parser
// for the whole compiler): a parse result that tells syntax errors from host bits, and overlap tests.
import { containsAddress, containsNetwork, formatCidr, formatIpv4, networkSize, parseCidr as parseNetwork, parseIpv4 } from '../net/ipv4.js';
import type { Ipv4Network as ParsedNetwork } from '../net/ipv4.js';

export { containsAddress, containsNetwork, formatCidr, formatIpv4, networkSize, parseIpv4 };

/** A network with its host bits cleared. */
export type Ipv4Network = Pick<ParsedNetwork, 'base' | 'prefix'>;

export type CidrParse =
  | { ok: true; network: Ipv4Network }
  | { ok: false; reason: 'syntax' }
  | { ok: false; reason: 'host-bits'; network: Ipv4Network };

export function parseCidr(text: string): CidrParse {
  const parsed = parseNetwork(text);
  if (!parsed) return { ok: false, reason: 'syntax' };
  const network = { base: parsed.base, prefix: parsed.prefix };
  return parsed.canonical ? { ok: true, network } : { ok: false, reason: 'host-bits', network };
}

/** The network of a CIDR that parses cleanly, else undefined (its syntax is reported once, elsewhere). */
export function networkOf(text: string | undefined): Ipv4Network | undefined {
  if (text === undefined) return undefined;
  const parsed = parseCidr(text);
  return parsed.ok ? parsed.network : undefined;
}

export function overlaps(a: Ipv4Network, b: Ipv4Network): boolean {
  return a.base < b.base + networkSize(b.prefix) && b.base < a.base + networkSize(a.prefix);
}

/** The network of the given (shorter or equal) prefix that holds this one. */
export function supernet(network: Ipv4Network, prefix: number): Ipv4Network {
  const size = networkSize(prefix);
  return { base: network.base - (network.base % size), prefix };
}
