// The IPv4 arithmetic every stage relies on: strict parsing, exact round trips, numeric order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCidrs, containsAddress, containsNetwork, formatCidr, formatIpv4, parseCidr, parseIpv4 } from '../../src/net/ipv4.js';

/** Reference: the textbook regular expression for a dotted quad without leading zeros. */
const DOTTED_QUAD = /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const reference = (text: string): number | undefined => (DOTTED_QUAD.test(text) ? text.split('.').reduce((acc, o) => acc * 256 + Number(o), 0) : undefined);

describe('parseIpv4', () => {
  it('round-trips every address', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (value) => {
      expect(parseIpv4(formatIpv4(value))).toBe(value);
    }));
  });

  it('agrees with the reference on near-miss strings', () => {
    const part = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.constantFrom('', '00', '01', '007', 'a', '-1', ' 1', '1 ', '+1', '1e2'));
    const text = fc.oneof(fc.array(part, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('.')), fc.string());
    fc.assert(fc.property(text, (t) => {
      expect(parseIpv4(t)).toBe(reference(t));
    }), { numRuns: 2000 });
  });

  it.each(['1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.256', '1..2.3', '.1.2.3', '1.2.3.', '', '1.2.3.4/32'])('rejects %j', (text) => {
    expect(parseIpv4(text)).toBeUndefined();
  });
});

describe('CIDRs', () => {
  it('parses, clears host bits and says whether there were any', () => {
    expect(parseCidr('169.254.8.8/29')).toEqual({ base: parseIpv4('169.254.8.8'), prefix: 29, canonical: true });
    expect(parseCidr('169.254.8.9/29')).toEqual({ base: parseIpv4('169.254.8.8'), prefix: 29, canonical: false });
    expect(parseCidr('0.0.0.0/0')).toEqual({ base: 0, prefix: 0, canonical: true });
    for (const bad of ['10.0.0.0', '10.0.0.0/33', '10.0.0.0/08', '10.0.0/8', '10.0.0.0/']) expect(parseCidr(bad)).toBeUndefined();
    expect(formatCidr(parseCidr('192.0.2.77/24')!)).toBe('192.0.2.0/24');
  });

  it('answers containment', () => {
    const pool = parseCidr('169.254.100.0/22')!;
    expect(containsNetwork(pool, parseCidr('169.254.103.248/29')!)).toBe(true);
    expect(containsNetwork(pool, parseCidr('169.254.104.0/29')!)).toBe(false);
    expect(containsNetwork(parseCidr('169.254.100.0/29')!, pool)).toBe(false);
    expect(containsAddress(pool, parseIpv4('169.254.99.255')!)).toBe(false);
  });

  it('orders numerically, shorter prefixes first', () => {
    expect(['10.100.0.0/16', '9.0.0.0/8', '10.0.0.0/16', '10.0.0.0/8'].sort(compareCidrs)).toEqual(['9.0.0.0/8', '10.0.0.0/8', '10.0.0.0/16', '10.100.0.0/16']);
  });
});
