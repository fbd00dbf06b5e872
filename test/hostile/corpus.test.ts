// Input built to hurt. Every file in fixtures/hostile records "# expect: <code> at <line>:<col>" on its
// second line, as fixtures/invalid does; validate AND build (the same reading code) must report exactly
// that, exit 1, print no stack trace and write nothing. Files that cannot live in Git (UTF-16, invalid
// UTF-8, CRLF, megabytes, FIFOs, devices, sockets, symbolic links) are made here in a temporary copy.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../support/fixtures.js';
import { runCli, STACK_LINE, type CliResult } from '../foundation/cli-runner.js';
import { GENERATED_CODES } from './generated-codes.js';
import { MAX_LOCK_BYTES, MAX_REFERENCED_FILE_BYTES, MAX_SPEC_BYTES } from '../../src/load/limits.js';

const HOSTILE = join(FIXTURES, 'hostile');
const EXPECT = /^# expect: ([a-z0-9-]+) at (\d+):(\d+)$/;

const corpus = readdirSync(HOSTILE)
  .filter((name) => name.endsWith('.yaml'))
  .sort()
  .map((name) => {
    const header = readFileSync(join(HOSTILE, name), 'utf8').split('\n')[1] ?? '';
    const match = EXPECT.exec(header);
    if (!match) throw new Error(`fixtures/hostile/${name}: second line must be "# expect: <code> at <line>:<col>"`);
    return { file: `fixtures/hostile/${name}`, code: match[1]!, line: Number(match[2]), col: Number(match[3]) };
  });

const scratch = mkdtempSync(join(tmpdir(), 'egressc-hostile-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs validate and build on the same input; build writes into a fresh folder that must stay absent. */
async function both(spec: string, cwd?: string, extra: string[] = []): Promise<{ validate: CliResult; build: CliResult; out: string }> {
  const out = mkdtempSync(join(scratch, 'out-'));
  rmSync(out, { recursive: true });
  const [validate, build] = await Promise.all([runCli(['validate', spec], cwd), runCli(['build', spec, '--out', out, ...extra], cwd)]);
  return { validate, build, out };
}

const seen = new Set<string>();

function expectDiagnostic(result: CliResult, where: string, code: string): void {
  seen.add(code);
  expect(result.stderr, result.stderr.slice(0, 2000)).toContain(`${where}: error[${code}]`);
  expect(result.code).toBe(1);
  expect(result.stderr).not.toMatch(STACK_LINE);
  expect(result.stderr).not.toContain('internal error');
}

describe('fixtures/hostile', () => {
  const results = new Map<string, Awaited<ReturnType<typeof both>>>();
  beforeAll(async () => {
    const queue = [...corpus];
    const worker = async () => {
      for (let e = queue.shift(); e; e = queue.shift()) results.set(e.file, await both(e.file));
    };
    await Promise.all([worker(), worker()]);
  }, 180_000);

  it.each(corpus)('$file: validate and build report $code at $line:$col', (e) => {
    const { validate, build, out } = results.get(e.file)!;
    for (const result of [validate, build]) expectDiagnostic(result, `${e.file}:${e.line}:${e.col}`, e.code);
    // the same diagnostics, in the same words, from both commands
    expect(build.stderr).toBe(validate.stderr);
    expect(existsSync(out)).toBe(false);
  });

  it('never echoes a huge line: code frames are cut around the column', () => {
    const { validate } = results.get('fixtures/hostile/nesting-flow.yaml')!;
    for (const line of validate.stderr.split('\n')) expect(line.length).toBeLessThan(200);
    expect(validate.stderr).toContain('…');
  });

  it('names the real range of an ASN, not JavaScript\'s safe integers', () => {
    const { validate } = results.get('fixtures/hostile/asn-2-64.yaml')!;
    expect(validate.stderr).toContain('at most 4294967295');
    expect(validate.stderr).not.toContain('9007199254740991');
  });
});

/** A temporary copy of fixtures/seed (spec, template, lock) to break in one way. */
function seedCopy(): string {
  const dir = mkdtempSync(join(scratch, 'seed-'));
  cpSync(join(FIXTURES, 'seed'), dir, { recursive: true });
  return dir;
}

const SEED_TEXT = readFileSync(join(FIXTURES, 'seed', 'topology.yaml'), 'utf8');
const TEMPLATE = 'templates/bird.cfg.template';
/** where the seed names its BIRD template */
const TEMPLATE_LINE = SEED_TEXT.split('\n').findIndex((l) => l.includes(`birdTemplate: ${TEMPLATE}`)) + 1;
const TEMPLATE_AT = `topology.yaml:${TEMPLATE_LINE}:23`;

describe('files a spec reads, made at test time', () => {
  const template = readFileSync(join(FIXTURES, 'seed', TEMPLATE));

  const brokenTemplate = async (make: (path: string) => void, code: string, message?: RegExp, samePaths = true) => {
    const dir = seedCopy();
    rmSync(join(dir, TEMPLATE));
    make(join(dir, TEMPLATE));
    const { validate, build } = await both('topology.yaml', dir);
    for (const result of [validate, build]) expectDiagnostic(result, TEMPLATE_AT, code);
    if (message) expect(validate.stderr).toMatch(message);
    if (samePaths) expect(build.stderr).toBe(validate.stderr);
  };

  it('a UTF-8 byte order mark is refused with the fix', () =>
    brokenTemplate((p) => writeFileSync(p, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), template])), 'template-bom', /hint: Remove it: sed -i/));

  it('CRLF line ends are refused with the fix', () =>
    brokenTemplate((p) => writeFileSync(p, template.toString('utf8').replace(/\n/g, '\r\n')), 'template-crlf', /sed -i 's\/\\r\$\/\/'/));

  it('invalid UTF-8 is refused, never decoded with replacement characters', () =>
    brokenTemplate((p) => writeFileSync(p, Buffer.concat([template, Buffer.from('# caf\xe9\n', 'latin1')])), 'not-utf8', /is not valid UTF-8/));

  it(`a template larger than ${MAX_REFERENCED_FILE_BYTES} bytes is refused`, () =>
    brokenTemplate((p) => writeFileSync(p, Buffer.concat([template, Buffer.alloc(MAX_REFERENCED_FILE_BYTES, '#')])), 'input-too-large', /larger than 1 MiB/));

  it('a FIFO is refused without blocking', () => brokenTemplate((p) => execFileSync('mkfifo', [p]), 'not-a-regular-file', /is a FIFO/));

  it('a directory is refused', () => brokenTemplate((p) => execFileSync('mkdir', [p]), 'not-a-regular-file', /is a directory/));

  it('a symbolic link out of the tree is refused, wherever it points', async () => {
    const outside = mkdtempSync(join(scratch, 'outside-'));
    writeFileSync(join(outside, 'secret.template'), template);
    await brokenTemplate((p) => symlinkSync(join(outside, 'secret.template'), p), 'file-outside-root', /is not in or below/);
    await brokenTemplate((p) => symlinkSync('/dev/zero', p), 'file-outside-root');
    // /proc/self is another folder in each process
    await brokenTemplate((p) => symlinkSync('/proc/self/environ', p), 'file-outside-root', /is not in or below/, false);
  });

  it('a symbolic link inside the tree is followed', async () => {
    const dir = seedCopy();
    cpSync(join(dir, TEMPLATE), join(dir, 'templates', 'upstream.template'));
    rmSync(join(dir, TEMPLATE));
    symlinkSync('upstream.template', join(dir, TEMPLATE));
    const result = await runCli(['validate', 'topology.yaml'], dir);
    expect(result.stderr).toBe('topology.yaml: valid\n');
  });

  it('a socket is refused', async () => {
    const dir = seedCopy();
    rmSync(join(dir, TEMPLATE));
    const server: Server = createServer();
    await new Promise<void>((done) => server.listen(join(dir, TEMPLATE), done));
    try {
      const result = await runCli(['validate', 'topology.yaml'], dir);
      expectDiagnostic(result, TEMPLATE_AT, 'not-a-regular-file');
      expect(result.stderr).toContain('is a socket');
    } finally {
      server.close();
    }
  });

  // Only root may create device nodes; CI runs as root, so there this never skips.
  it.skipIf(process.getuid?.() !== 0 && process.env['CI'] !== 'true')('a device node inside the tree is refused', () =>
    brokenTemplate((p) => execFileSync('mknod', [p, 'c', '1', '5']), 'not-a-regular-file', /is a character device/));
});

describe('the spec and the lock, made at test time', () => {
  const writeSpec = (bytes: Buffer | string): string => {
    const dir = seedCopy();
    writeFileSync(join(dir, 'topology.yaml'), bytes);
    return dir;
  };

  it.each([
    ['UTF-16LE with a byte order mark', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SEED_TEXT, 'utf16le')])],
    ['UTF-16LE without one', Buffer.from(SEED_TEXT, 'utf16le')],
    ['UTF-16BE without one', Buffer.from(SEED_TEXT, 'utf16le').swap16()],
  ])('a spec in %s: "is UTF-16; save it as UTF-8", not mojibake', async (_what, bytes) => {
    const { validate, build } = await both('topology.yaml', writeSpec(bytes));
    for (const result of [validate, build]) {
      expectDiagnostic(result, 'topology.yaml:1:1', 'not-utf8');
      expect(result.stderr).toContain('The spec file is UTF-16; save it as UTF-8.');
      expect(result.stderr).not.toContain('\u0000');
    }
  });

  it('a spec with invalid UTF-8: the line and column of the first bad byte', async () => {
    const bytes = Buffer.from(SEED_TEXT.replace('name: seed', 'name: seed\n  description: caf\u00e9'), 'latin1');
    const line = SEED_TEXT.split('\n').findIndex((l) => l.includes('name: seed')) + 2;
    const { validate, build } = await both('topology.yaml', writeSpec(bytes));
    for (const result of [validate, build]) expectDiagnostic(result, `topology.yaml:${line}:19`, 'not-utf8');
  });

  it(`a spec larger than ${MAX_SPEC_BYTES} bytes is refused after reading at most one byte more`, async () => {
    const { validate, build } = await both('topology.yaml', writeSpec(SEED_TEXT + `#${'x'.repeat(MAX_SPEC_BYTES)}\n`));
    for (const result of [validate, build]) {
      expectDiagnostic(result, 'topology.yaml:1:1', 'input-too-large');
      expect(result.stderr).toContain('larger than 4 MiB');
    }
  });

  it('a FIFO or a device as the spec: exit 2 with a message, never a hang', async () => {
    const dir = seedCopy();
    execFileSync('mkfifo', [join(dir, 'fifo.yaml')]);
    for (const [spec, what] of [['fifo.yaml', 'is a FIFO'], ['/dev/zero', 'kernel state']] as const) {
      const result = await runCli(['validate', spec], dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(what);
    }
  });

  it('--lock naming the spec itself: exit 2, and the spec is left alone', async () => {
    const dir = seedCopy();
    const result = await runCli(['build', 'topology.yaml', '--out', 'out', '--lock', 'topology.yaml'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is the spec itself');
    expect(readFileSync(join(dir, 'topology.yaml'), 'utf8')).toBe(SEED_TEXT);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('--lock naming a file that is not a lock: not-a-lock, and nothing written', async () => {
    const dir = seedCopy();
    writeFileSync(join(dir, 'kustomization.yaml'), 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n');
    writeFileSync(join(dir, 'other-spec.yaml'), SEED_TEXT);
    const specKind = SEED_TEXT.split('\n').indexOf('kind: EgressTopology') + 1;
    for (const [lock, line, why] of [['kustomization.yaml', 2, 'its kind is "Kustomization"'], ['other-spec.yaml', specKind, 'it is a spec']] as const) {
      const result = await runCli(['build', 'topology.yaml', '--out', 'out', '--lock', lock], dir);
      expectDiagnostic(result, `${lock}:${line}:7`, 'not-a-lock');
      expect(result.stderr).toContain(why);
      expect(existsSync(join(dir, 'out'))).toBe(false);
    }
  });

  it('a lock that is a FIFO, too large or too deep: refused, never a hang or an abort', async () => {
    const dir = seedCopy();
    execFileSync('mkfifo', [join(dir, 'fifo.lock.yaml')]);
    const fifo = await runCli(['build', 'topology.yaml', '--out', 'out', '--lock', 'fifo.lock.yaml'], dir);
    expect(fifo.code).toBe(2);
    expect(fifo.stderr).toContain('is a FIFO');
    writeFileSync(join(dir, 'seed.lock.yaml'), `#${'x'.repeat(MAX_LOCK_BYTES)}\n`);
    expectDiagnostic(await runCli(['build', 'topology.yaml', '--out', 'out'], dir), 'seed.lock.yaml:1:1', 'input-too-large');
    writeFileSync(join(dir, 'seed.lock.yaml'), `connectPeers: ${'['.repeat(7000)}${']'.repeat(7000)}\n`);
    expectDiagnostic(await runCli(['check', 'topology.yaml', '--out', 'out'], dir), 'seed.lock.yaml:1:46', 'nesting-too-deep');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('coverage', () => {
  it('reports every code that only input made at test time can produce', () => {
    expect(GENERATED_CODES.filter((code) => !seen.has(code))).toEqual([]);
  });
});
