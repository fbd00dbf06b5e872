// fast-check mutations of every fixture spec (byte flips, line deletions and duplications, value swaps,
// deep nesting, huge strings, truncation), shared by the fuzz test (test/hostile/fuzz.test.ts) and the
// validate/build agreement test (test/foundation/agreement.test.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { FIXTURES } from '../support/fixtures.js';

/** Every spec among the fixtures (valid, invalid, hostile), as bytes. */
export const SEEDS: Buffer[] = ['seed', 'multi', 'live-interface-route', 'invalid', 'hostile'].flatMap((dir) =>
  readdirSync(join(FIXTURES, dir))
    .filter((name) => name.endsWith('.yaml') && !name.endsWith('.lock.yaml'))
    .sort()
    .map((name) => readFileSync(join(FIXTURES, dir, name))),
);

// ---- mutations ------------------------------------------------------------------------------------
export type Mutation = (input: Buffer) => Buffer;
const lines = (b: Buffer) => b.toString('latin1').split('\n');
const joined = (l: string[]) => Buffer.from(l.join('\n'), 'latin1');
const at = (length: number, r: number) => (length === 0 ? 0 : Math.floor(r * length) % length);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })).map(([r, byte]): Mutation => (b) => {
    const copy = Buffer.from(b);
    if (copy.length > 0) copy[at(copy.length, r)] = byte;
    return copy;
  }),
  fc.double({ min: 0, max: 1, noNaN: true }).map((r): Mutation => (b) => {
    const l = lines(b);
    l.splice(at(l.length, r), 1);
    return joined(l);
  }),
  fc.double({ min: 0, max: 1, noNaN: true }).map((r): Mutation => (b) => {
    const l = lines(b);
    const i = at(l.length, r);
    l.splice(i, 0, l[i] ?? '');
    return joined(l);
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })).map(([r1, r2]): Mutation => (b) => {
    // swap the values of two "key: value" lines
    const l = lines(b);
    const [i, j] = [at(l.length, r1), at(l.length, r2)];
    const [a, c] = [l[i]?.split(': '), l[j]?.split(': ')];
    if (!a || !c || a.length < 2 || c.length < 2) return b;
    [l[i], l[j]] = [`${a[0]}: ${c.slice(1).join(': ')}`, `${c[0]}: ${a.slice(1).join(': ')}`];
    return joined(l);
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 20_000 }), fc.constantFrom('[', '{', '- ', '? ')).map(([r, n, open]): Mutation => (b) => {
    const l = lines(b);
    const i = at(l.length, r);
    const close = open === '[' ? ']' : open === '{' ? '}' : '';
    l.splice(i, 0, `deep: ${open.repeat(n)}x${close.repeat(n)}`);
    return joined(l);
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 200 })).map(([r, n]): Mutation => (b) => {
    const l = lines(b);
    l.splice(at(l.length, r), 0, ...Array.from({ length: n }, (_, k) => `${' '.repeat(2 * k)}k${k}:`));
    return joined(l);
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 100_000 }), fc.constantFrom('x', '\u0000', 'é', '"', '#', '&a ', '*a ')).map(([r, n, s]): Mutation => (b) => {
    const i = at(b.length, r);
    return Buffer.concat([b.subarray(0, i), Buffer.from(s.repeat(Math.ceil(n / s.length)).slice(0, n)), b.subarray(i)]);
  }),
  fc.double({ min: 0, max: 1, noNaN: true }).map((r): Mutation => (b) => b.subarray(0, at(b.length + 1, r))),
);

export const mutatedFixture = fc
  .tuple(fc.integer({ min: 0, max: SEEDS.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([s, ms]) => ms.reduce((b, m) => m(b), SEEDS[s]!));
