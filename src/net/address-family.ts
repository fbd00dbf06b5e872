// Which address family a text is, with ipaddr.js (the reference parser), so that a user who writes an
// IPv6 address or prefix where egressc needs IPv4 is told so instead of "not an IPv4 address".
// The arithmetic stays in ./ipv4.ts: a hand-written parser, measured to matter at thousands of nodes.
// Both accept exactly the dotted quad of decimal octets without leading zeros
// (test/foundation/address-family.test.ts compares them).
import ipaddr from 'ipaddr.js';

export type AddressFamily = 'ipv4' | 'ipv6' | 'neither';

export function addressFamily(text: string): AddressFamily {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return 'ipv4';
  return ipaddr.IPv6.isValid(text) ? 'ipv6' : 'neither';
}

export function prefixFamily(text: string): AddressFamily {
  if (ipaddr.IPv4.isValidCIDRFourPartDecimal(text)) return 'ipv4';
  try {
    ipaddr.IPv6.parseCIDR(text);
    return 'ipv6';
  } catch {
    return 'neither';
  }
}
