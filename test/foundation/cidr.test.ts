import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containsAddress, containsNetwork, formatCidr, formatIpv4, overlaps, parseCidr, parseIpv4, supernet } from '../../src/check/cidr.js';
import { editDistance, nearestName, suggestion } from '../../src/check/nearest.js';

describe('cidr helpers', () => {
  it('parses networks and flags host bits with the network address', () => {
    expect(parseCidr('10.0.0.0/16')).toEqual({ ok: true, network: { base: 0x0a000000, prefix: 16 } });
    expect(parseCidr('0.0.0.0/0')).toMatchObject({ ok: true, network: { base: 0, prefix: 0 } });
    expect(parseCidr('255.255.255.255/32')).toEqual({ ok: true, network: { base: 0xffffffff, prefix: 32 } });
    const hostBits = parseCidr('169.254.8.9/29');
    expect(hostBits).toMatchObject({ ok: false, reason: 'host-bits' });
    if (!hostBits.ok && hostBits.reason === 'host-bits') expect(formatCidr(hostBits.network)).toBe('169.254.8.8/29');
  });

  it.each(['10.0.0.0/33', '10.0.0.0', ' 10.0.0.0/8', '10.0.0.0/8 ', '1.2.3/8', '01.2.3.0/24', '1.2.3.0/-1', '1.2.3.0/08'])('rejects %j', (text) => {
    expect(parseCidr(text)).toEqual({ ok: false, reason: 'syntax' });
  });

  it('supernet clears the bits of the shorter prefix', () => {
    const parsed = parseCidr('192.0.2.128/25');
    expect(parsed.ok && formatCidr(supernet(parsed.network, 24))).toBe('192.0.2.0/24');
  });

  it('ipv4 round-trips', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), (n) => parseIpv4(formatIpv4(n)) === n));
  });

  it('overlap is symmetric and agrees with containment', () => {
    const net = fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 })).map(([a, p]) => {
      const size = 2 ** (32 - p);
      return { base: a - (a % size), prefix: p };
    });
    fc.assert(
      fc.property(net, net, (a, b) => {
        expect(overlaps(a, b)).toBe(overlaps(b, a));
        // CIDR blocks either nest or are disjoint
        expect(overlaps(a, b)).toBe(containsNetwork(a, b) || containsNetwork(b, a));
        expect(containsAddress(a, b.base)).toBe(a.base <= b.base && b.base < a.base + 2 ** (32 - a.prefix));
      }),
    );
  });
});

describe('did you mean', () => {
  it('edit distance', () => {
    expect(editDistance('database', 'databse')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('suggests only close names, deterministically', () => {
    expect(nearestName('egw-databse', ['egw-database', 'egw-reports'])).toBe('egw-database');
    expect(nearestName('payroll', ['database'])).toBeUndefined();
    expect(nearestName('ab', ['ac', 'aa'])).toBe('aa');
    expect(suggestion('x', [], 'service')).toBe('No service is defined; define one first.');
  });
});
