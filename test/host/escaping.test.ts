// The format escapers, checked by the programs that read the formats: bash sources ifcfg files
// (initscripts), GLib's GKeyFile reads NetworkManager keyfiles. Hostile values cannot come from the spec
// (names are DNS labels), but the escapers must be right for any string.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ifcfgValue } from '../../src/emit/host/ifcfg-quote.js';
import { keyfileValue } from '../../src/emit/host/keyfile-escape.js';
import { commentText, ipRouteField } from '../../src/emit/host/line-text.js';
import { UnrepresentableValueError } from '../../src/emit/host/unrepresentable.js';
import { itWithPythonModules } from '../support/real-tools.js';
import { readKeyFiles, run, scratchDir, writeFileWithMode } from './support.js';

const HOSTILE = [
  '',
  ' ',
  'plain-value_1.2:3/4',
  "it's",
  'say "hi"',
  'back\\slash\\',
  '$(touch /tmp/pwned)',
  '`id`',
  '${HOME}',
  '~root',
  'a:~/b',
  '*',
  '[ab]?',
  'two words',
  ' leading and trailing ',
  'line\nbreak',
  'tab\there',
  'cr\rhere',
  '\u0001\u001f\u007f',
  '\\x41',
  "$'\\n'",
  '; rm -rf /',
  '#not-a-comment',
  'a=b',
  '\\s',
  'ünïcödé 🚀',
  '\u000b vertical tab inside',
];

/** Values that are not NUL-free or not well-formed Unicode must be refused by every escaper. */
const UNREPRESENTABLE = ['nul\u0000inside', 'lone \ud800 surrogate', '\udc00'];

const printable = fc.string({ unit: 'binary', maxLength: 24 }).filter((s) => !s.includes('\u0000'));
const controlHeavy = fc
  .array(fc.constantFrom('\\', "'", '"', '$', '`', ' ', '\n', '\t', '\r', '\u0001', '~', '*', 'a', '0', 'ü', '\u000b', '\u000c', '#', '='), { maxLength: 16 })
  .map((chars) => chars.join(''));
// Fixed seeds: the same values on every run (a failure is reproducible).
const samples = (): string[] => [...HOSTILE, ...fc.sample(printable, { numRuns: 400, seed: 5 }), ...fc.sample(controlHeavy, { numRuns: 400, seed: 7 })];

/** Sources the assignments with bash and returns the variables' values, as initscripts would see them. */
function bashReadBack(values: readonly string[]): string[] {
  const scratch = scratchDir('ifcfg');
  try {
    const file = `${scratch.dir}/ifcfg-test`;
    writeFileWithMode(file, values.map((v, i) => `V${i}=${ifcfgValue(v)}\n`).join(''), 0o644);
    const script = `. "$1" || exit 3; for ((i = 0; i < $2; i++)); do n=V$i; printf '%s\\0' "\${!n}"; done`;
    const result = run('bash', ['--noprofile', '--norc', '-c', script, 'bash', file, String(values.length)]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    return result.stdout.split('\u0000').slice(0, -1);
  } finally {
    scratch.remove();
  }
}

describe('ifcfg quoting (bash reads it back)', () => {
  it('leaves plain values bare and quotes everything else', () => {
    expect(ifcfgValue('169.254.8.9/29')).toBe('169.254.8.9/29');
    expect(ifcfgValue('tgw-worker-1')).toBe('tgw-worker-1');
    expect(ifcfgValue('two words')).toBe("'two words'");
    expect(ifcfgValue("it's")).toBe("'it'\\''s'");
    expect(ifcfgValue('a\nb')).toBe("$'a\\x0ab'");
    expect(ifcfgValue('')).toBe("''");
  });

  it('round-trips hostile and random values through bash', () => {
    const values = samples();
    expect(bashReadBack(values)).toEqual(values);
  });

  it('keeps every assignment on its own line (line-oriented readers such as grep in network-functions)', () => {
    for (const value of samples()) expect(`V=${ifcfgValue(value)}`).not.toMatch(/[\n\r]/);
  });

  it('refuses NUL and lone surrogates', () => {
    for (const value of UNREPRESENTABLE) expect(() => ifcfgValue(value)).toThrow(UnrepresentableValueError);
  });
});

const itGlib = itWithPythonModules(['gi']);

describe('keyfile escaping (GLib reads it back)', () => {
  it('escapes backslashes, line breaks, tabs and outer spaces only', () => {
    expect(keyfileValue('169.254.8.9/29')).toBe('169.254.8.9/29');
    expect(keyfileValue('a\\b')).toBe('a\\\\b');
    expect(keyfileValue('a\nb\tc\rd')).toBe('a\\nb\\tc\\rd');
    expect(keyfileValue('  x y  ')).toBe('\\s\\sx y\\s\\s');
    expect(keyfileValue('   ')).toBe('\\s\\s\\s');
  });

  itGlib('round-trips hostile and random values through GKeyFile', () => {
    const values = samples().filter((v) => !v.startsWith('\f'));
    const scratch = scratchDir('keyfile');
    try {
      const file = `${scratch.dir}/test.nmconnection`;
      writeFileWithMode(file, `[test]\n${values.map((v, i) => `k${i}=${keyfileValue(v)}\n`).join('')}`, 0o600);
      const [groups] = readKeyFiles([file]);
      expect(values.map((_, i) => groups?.test?.[`k${i}`])).toEqual(values);
    } finally {
      scratch.remove();
    }
  });

  it('refuses what GKeyFile cannot carry: NUL, lone surrogates, a leading form feed', () => {
    for (const value of [...UNREPRESENTABLE, '\fx', '\f']) expect(() => keyfileValue(value)).toThrow(UnrepresentableValueError);
  });
});

describe('comment text and route-file fields', () => {
  it('keeps a comment on one line whatever the value', () => {
    for (const value of samples()) expect(`# ${commentText(value)}`).not.toMatch(/[\n\r]/);
    expect(commentText('a\nb')).toBe('a b');
  });

  it('passes addresses and interface names, refuses what ifup-routes would split, glob or unescape', () => {
    expect(ipRouteField('169.254.8.8/29')).toBe('169.254.8.8/29');
    expect(ipRouteField('tgw-worker-1')).toBe('tgw-worker-1');
    for (const value of ['', 'two words', 'a\tb', 'a\nb', 'back\\slash', '*', 'a?', '[x]', "'q'", '"q"', '$x', '#c', ...UNREPRESENTABLE]) {
      expect(() => ipRouteField(value), JSON.stringify(value)).toThrow(UnrepresentableValueError);
    }
  });
});
