// ipaddr.js (address-family.ts) and egressc's own fast parser (net/ipv4.ts) agree on what an IPv4
// address is; an IPv6 address or prefix where IPv4 belongs is named as such.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressFamily, prefixFamily } from '../../src/net/address-family.js';
import { parseCidr, parseIpv4 } from '../../src/net/ipv4.js';
import { SEED, edit, only } from './spec-helpers.js';

const octet = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.constantFrom('00', '01', '010', '-1', '', 'a', '0x1'));
const quadLike = fc.tuple(octet, octet, octet, octet).map((parts) => parts.join('.'));

describe('address family', () => {
  it('ipaddr.js and the fast parser accept exactly the same IPv4 addresses', () => {
    fc.assert(
      fc.property(fc.oneof(quadLike, fc.string()), (text) => {
        expect(addressFamily(text) === 'ipv4', text).toBe(parseIpv4(text) !== undefined);
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  it('every IPv4 CIDR the fast parser reads is one for ipaddr.js too', () => {
    fc.assert(
      fc.property(quadLike, fc.integer({ min: 0, max: 40 }), (quad, prefix) => {
        const text = `${quad}/${prefix}`;
        if (parseCidr(text) !== undefined) expect(prefixFamily(text), text).toBe('ipv4');
      }),
      { numRuns: 3000, seed: 11 },
    );
  });

  it('names IPv6 where IPv4 belongs', () => {
    expect(addressFamily('2001:db8::55')).toBe('ipv6');
    expect(prefixFamily('2001:db8::/32')).toBe('ipv6');
    expect(addressFamily('10.0.0.256')).toBe('neither');
    const ip = only(edit(SEED, ['addresses: [10.0.0.55]', 'addresses: ["2001:db8::55"]']));
    expect(ip).toMatchObject({ code: 'invalid-ip', message: '"2001:db8::55" is an IPv6 address; egressc supports IPv4 only.' });
    const cidr = only(edit(SEED, ['cidr: 10.0.0.0/16', 'cidr: "2001:db8::/56"']));
    expect(cidr).toMatchObject({ code: 'invalid-cidr', message: '"2001:db8::/56" is an IPv6 prefix; egressc supports IPv4 only.' });
  });
});
