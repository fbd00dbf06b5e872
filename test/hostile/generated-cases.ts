// Hostile input that cannot be a file in Git (UTF-16, invalid UTF-8, CRLF, megabytes, FIFOs, devices,
// sockets, symbolic links, a lock that is no lock), made at test time in a copy of fixtures/seed. One
// list, shared by the hostile corpus test (test/hostile/corpus.test.ts: each is reported as expected) and
// the agreement test (test/foundation/agreement.test.ts: validate and build report the same).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { DiagnosticCode } from '../../src/diagnostics/codes.js';
import { MAX_LOCK_BYTES, MAX_REFERENCED_FILE_BYTES, MAX_SPEC_BYTES } from '../../src/load/limits.js';
import { FIXTURES } from '../support/fixtures.js';

export const SEED_TEXT = readFileSync(join(FIXTURES, 'seed', 'topology.yaml'), 'utf8');
const TEMPLATE = 'templates/bird.cfg.template';
const TEMPLATE_BYTES = readFileSync(join(FIXTURES, 'seed', TEMPLATE));
/** where the seed names its BIRD template: referenced-file problems are reported there */
const TEMPLATE_AT = `topology.yaml:${SEED_TEXT.split('\n').findIndex((l) => l.includes(`birdTemplate: ${TEMPLATE}`)) + 1}:23`;
/** the lock validate reads beside the seed's spec (metadata.name seed); build is pointed at it with --lock */
export const SEED_LOCK = 'seed.lock.yaml';
const lineOf = (text: string, fragment: string): number => text.split('\n').findIndex((l) => l.includes(fragment)) + 1;

export type Expected =
  /** exit 1 with this diagnostic (at "file:line:col", relative to the case's folder) */
  | { kind: 'diagnostic'; code: DiagnosticCode; at: string; message?: RegExp }
  /** exit 2: the input cannot be read at all (a usage error, no diagnostic) */
  | { kind: 'unreadable'; message: string }
  | { kind: 'valid' };

export interface GeneratedCase {
  name: string;
  /** the spec to run on, relative to the case's folder (or absolute) */
  spec: string;
  expected: Expected;
  /** false when the words depend on the process (a path through /proc/self) */
  sameWordsAcrossProcesses?: boolean;
  /** only where it can be made (device nodes need root) */
  skip?: boolean;
  /** breaks a fresh copy of fixtures/seed in `dir`; what it returns is undone after the run */
  make(dir: string, scratch: string): void | Promise<() => void>;
}

/** A fresh copy of fixtures/seed (spec, template, lock) under `scratch`, broken by the case. */
export async function makeCase(c: GeneratedCase, scratch: string): Promise<{ dir: string; undo: () => void }> {
  const dir = mkdtempSync(join(scratch, 'seed-'));
  cpSync(join(FIXTURES, 'seed'), dir, { recursive: true });
  const undo = await c.make(dir, scratch);
  return { dir, undo: undo ?? (() => undefined) };
}

const template = (name: string, expected: Expected, replace: (path: string, scratch: string) => void | Promise<() => void>, sameWords = true): GeneratedCase => ({
  name: `template: ${name}`,
  spec: 'topology.yaml',
  expected,
  sameWordsAcrossProcesses: sameWords,
  make: (dir, scratch) => {
    rmSync(join(dir, TEMPLATE));
    return replace(join(dir, TEMPLATE), scratch);
  },
});
const atTemplate = (code: DiagnosticCode, message?: RegExp): Expected => ({ kind: 'diagnostic', code, at: TEMPLATE_AT, ...(message ? { message } : {}) });

const spec = (name: string, bytes: Buffer | string, expected: Expected): GeneratedCase => ({
  name: `spec: ${name}`,
  spec: 'topology.yaml',
  expected,
  make: (dir) => writeFileSync(join(dir, 'topology.yaml'), bytes),
});

const lock = (name: string, make: (path: string) => void, expected: Expected): GeneratedCase => ({
  name: `lock: ${name}`,
  spec: 'topology.yaml',
  expected,
  make: (dir) => {
    rmSync(join(dir, SEED_LOCK));
    make(join(dir, SEED_LOCK));
  },
});

/**
 * The seed with `count` more gateways and services, every name a 63-character label, and one allow entry
 * from every gateway to every service: count² rules of ~350 bytes, a rules string over AWS's 2,000,000
 * bytes from a 48 kB spec. Returns the spec and the line the finding is placed at.
 */
function manyRulesSpec(count: number): { text: string; firewallLine: number } {
  const name = (prefix: string, i: number): string => `${prefix}-${String(i).padStart(3, '0')}-${'x'.repeat(63)}`.slice(0, 63);
  const indices = Array.from({ length: count }, (_, i) => i);
  const gateways = indices
    .map((i) => `        - name: ${name('egw', i)}\n          namespace: egress\n          ipPool: {cidr: 198.18.${i >> 5}.${(i % 32) * 8}/29}\n          clients: {namespaces: [${name('app', i)}]}\n`)
    .join('');
  const services = indices
    .map((i) => `    - name: ${name('svc', i)}\n      vpc: service\n      addresses: [10.0.${1 + Math.floor(i / 200)}.${10 + (i % 200)}]\n      ports: [{port: 5432, protocol: tcp}]\n`)
    .join('');
  const allow = `      - name: ${name('all', 0)}\n        from: [${indices.map((i) => name('egw', i)).join(', ')}]\n        to: [${indices.map((i) => name('svc', i)).join(', ')}]\n`;
  const text = SEED_TEXT.replace('            namespaces: [app]\n', (m) => m + gateways)
    .replace('        - {port: 5432, protocol: tcp}\n', (m) => m + services)
    .replace('        to: [database]\n', (m) => m + allow);
  // a finding about the whole firewall is placed at its first key, the line after `firewall:`
  return { text, firewallLine: text.split('\n').indexOf('  firewall:') + 2 };
}
const MANY_RULES = manyRulesSpec(80);

const asRoot = process.getuid?.() === 0;
const UTF16 = 'The spec file is UTF-16; save it as UTF-8.';

export const GENERATED_CASES: readonly GeneratedCase[] = [
  template('a UTF-8 byte order mark', atTemplate('template-bom', /hint: Remove it: sed -i/), (p) =>
    writeFileSync(p, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), TEMPLATE_BYTES])),
  ),
  template('CRLF line ends', atTemplate('template-crlf', /sed -i 's\/\\r\$\/\/'/), (p) => writeFileSync(p, TEMPLATE_BYTES.toString('utf8').replace(/\n/g, '\r\n'))),
  template('invalid UTF-8, never decoded with replacement characters', atTemplate('not-utf8', /is not valid UTF-8/), (p) =>
    writeFileSync(p, Buffer.concat([TEMPLATE_BYTES, Buffer.from('# caf\xe9\n', 'latin1')])),
  ),
  template(`larger than ${MAX_REFERENCED_FILE_BYTES} bytes`, atTemplate('input-too-large', /larger than 1 MiB/), (p) =>
    writeFileSync(p, Buffer.concat([TEMPLATE_BYTES, Buffer.alloc(MAX_REFERENCED_FILE_BYTES, '#')])),
  ),
  template('a FIFO, refused without blocking', atTemplate('not-a-regular-file', /is a FIFO/), (p) => void execFileSync('mkfifo', [p])),
  template('a directory', atTemplate('not-a-regular-file', /is a directory/), (p) => void execFileSync('mkdir', [p])),
  template('a symbolic link out of the tree', atTemplate('file-outside-root', /is not in or below/), (p, scratch) => {
    const outside = mkdtempSync(join(scratch, 'outside-'));
    writeFileSync(join(outside, 'secret.template'), TEMPLATE_BYTES);
    symlinkSync(join(outside, 'secret.template'), p);
  }),
  template('a symbolic link to /dev/zero', atTemplate('file-outside-root'), (p) => symlinkSync('/dev/zero', p)),
  // /proc/self is another folder in each process
  template('a symbolic link to /proc/self/environ', atTemplate('file-outside-root', /is not in or below/), (p) => symlinkSync('/proc/self/environ', p), false),
  template('a symbolic link inside the tree, followed', { kind: 'valid' }, (p) => {
    cpSync(join(FIXTURES, 'seed', TEMPLATE), join(p, '..', 'upstream.template'));
    symlinkSync('upstream.template', p);
  }),
  template('a socket', atTemplate('not-a-regular-file', /is a socket/), async (p) => {
    const server = createServer();
    await new Promise<void>((done) => server.listen(p, done));
    return () => void server.close();
  }),
  // Only root may create device nodes; CI runs as root.
  { ...template('a device node inside the tree', atTemplate('not-a-regular-file', /is a character device/), (p) => void execFileSync('mknod', [p, 'c', '1', '5'])), skip: !asRoot },

  spec('UTF-16LE with a byte order mark', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SEED_TEXT, 'utf16le')]), {
    kind: 'diagnostic',
    code: 'not-utf8',
    at: 'topology.yaml:1:1',
    message: new RegExp(UTF16.replace(/[.;]/g, '\\$&')),
  }),
  spec('UTF-16LE without one', Buffer.from(SEED_TEXT, 'utf16le'), { kind: 'diagnostic', code: 'not-utf8', at: 'topology.yaml:1:1', message: /is UTF-16; save it as UTF-8\./ }),
  spec('UTF-16BE without one', Buffer.from(SEED_TEXT, 'utf16le').swap16(), { kind: 'diagnostic', code: 'not-utf8', at: 'topology.yaml:1:1', message: /is UTF-16; save it as UTF-8\./ }),
  spec('invalid UTF-8: the line and column of the first bad byte', Buffer.from(SEED_TEXT.replace('name: seed', 'name: seed\n  description: caf\u00e9'), 'latin1'), {
    kind: 'diagnostic',
    code: 'not-utf8',
    at: `topology.yaml:${lineOf(SEED_TEXT, 'name: seed') + 1}:19`,
  }),
  spec(`larger than ${MAX_SPEC_BYTES} bytes`, SEED_TEXT + `#${'x'.repeat(MAX_SPEC_BYTES)}\n`, {
    kind: 'diagnostic',
    code: 'input-too-large',
    at: 'topology.yaml:1:1',
    message: /larger than 4 MiB/,
  }),
  // not hostile bytes but a rules string too large for AWS: 48 kB of spec, kept out of Git
  spec('6,400 firewall rules, a rules string over 2,000,000 bytes', MANY_RULES.text, {
    kind: 'diagnostic',
    code: 'firewall-rules-too-large',
    at: `topology.yaml:${MANY_RULES.firewallLine}:5`,
    message: /The rules string is \d+ bytes; AWS allows 2000000/,
  }),
  {
    name: 'spec: a FIFO, never a hang',
    spec: 'fifo.yaml',
    expected: { kind: 'unreadable', message: 'is a FIFO' },
    make: (dir) => void execFileSync('mkfifo', [join(dir, 'fifo.yaml')]),
  },
  { name: 'spec: a device', spec: '/dev/zero', expected: { kind: 'unreadable', message: 'kernel state' }, make: () => undefined },
  {
    // the spec is where its own lock would be (seed.lock.yaml for metadata.name seed)
    name: 'lock: the spec itself, left alone',
    spec: SEED_LOCK,
    expected: { kind: 'unreadable', message: 'is the spec itself' },
    make: (dir) => writeFileSync(join(dir, SEED_LOCK), SEED_TEXT),
  },

  lock('a Kustomization, not a lock', (p) => writeFileSync(p, 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n'), {
    kind: 'diagnostic',
    code: 'not-a-lock',
    at: `${SEED_LOCK}:2:7`,
    message: /its kind is "Kustomization"/,
  }),
  lock('a spec, not a lock', (p) => writeFileSync(p, SEED_TEXT), {
    kind: 'diagnostic',
    code: 'not-a-lock',
    at: `${SEED_LOCK}:${lineOf(SEED_TEXT, 'kind: EgressTopology')}:7`,
    message: /it is a spec/,
  }),
  lock('a FIFO, never a hang', (p) => void execFileSync('mkfifo', [p]), { kind: 'unreadable', message: 'is a FIFO' }),
  lock(`larger than ${MAX_LOCK_BYTES} bytes`, (p) => writeFileSync(p, `#${'x'.repeat(MAX_LOCK_BYTES)}\n`), {
    kind: 'diagnostic',
    code: 'input-too-large',
    at: `${SEED_LOCK}:1:1`,
  }),
  lock('nested too deep, never an abort', (p) => writeFileSync(p, `connectPeers: ${'['.repeat(7000)}${']'.repeat(7000)}\n`), {
    kind: 'diagnostic',
    code: 'nesting-too-deep',
    at: `${SEED_LOCK}:1:46`,
  }),
];
