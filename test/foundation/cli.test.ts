// The validate and schema commands as a user runs them: exit codes, streams, formats, help.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/fixtures.js';
import { runCli, STACK_LINE } from './cli-runner.js';

describe('egressc validate', () => {
  it('accepts the seed and the larger fixture (exit 0)', async () => {
    for (const spec of ['fixtures/seed/topology.yaml', 'fixtures/multi/topology.yaml']) {
      const result = await runCli(['validate', spec]);
      expect(result.code, result.stderr).toBe(0);
      // validate reports what build would: for the committed fixtures, nothing
      expect(result.stderr).toBe(`${spec}: valid\n`);
    }
  });

  it('exits 2 without a stack trace when the spec is missing or a directory', async () => {
    const missing = await runCli(['validate', 'fixtures/nope.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('egressc validate: cannot read fixtures/nope.yaml: no such file\n');
    const directory = await runCli(['validate', 'fixtures']);
    expect(directory.code).toBe(2);
    expect(directory.stderr).toContain('is a directory');
    expect(directory.stderr).not.toMatch(STACK_LINE);
  });

  it('exits 2 on usage errors and explains them', async () => {
    for (const args of [['validate'], ['validate', 'a.yaml', 'b.yaml'], ['validate', '--format', 'xml', 'a.yaml'], ['validate', '--frobnicate', 'a.yaml']]) {
      const result = await runCli(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^egressc validate: .+\n\nUsage: egressc validate SPEC/);
    }
  });

  it('prints its help with --help (exit 0)', async () => {
    const result = await runCli(['validate', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--format FORMAT');
  });

  it('reports all problems of a file at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'egressc-'));
    const seed = readFileSync(join(REPO_ROOT, 'fixtures/seed/topology.yaml'), 'utf8');
    const broken = seed
      .replace('asNumber: 64600', 'asNumber: 64512')
      .replace('vpcIp: 172.31.20.10', 'vpcIp: 172.32.20.10')
      .replace('from: [egw-database]', 'from: [egw-databse]');
    writeFileSync(join(dir, 'broken.yaml'), broken);
    cpSync(join(REPO_ROOT, 'fixtures/seed/templates'), join(dir, 'templates'), { recursive: true });
    const result = await runCli(['validate', join(dir, 'broken.yaml'), '--format', 'json']);
    expect(result.code).toBe(1);
    const codes = (JSON.parse(result.stdout) as { code: string }[]).map((d) => d.code);
    expect(codes).toEqual(['ibgp-refused', 'node-ip-outside-vpc', 'unresolved-reference']);
    expect(result.stderr).toBe('');
  });

  it('writes json to stdout and github annotations to stderr', async () => {
    const json = await runCli(['validate', '--format=json', 'fixtures/invalid/invalid-ip.yaml']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({ code: 'invalid-ip', severity: 'error', file: 'fixtures/invalid/invalid-ip.yaml', line: 88, col: 19 }),
    ]);
    const valid = await runCli(['validate', '--format', 'json', 'fixtures/seed/topology.yaml']);
    expect((JSON.parse(valid.stdout) as { severity: string }[]).filter((d) => d.severity === 'error')).toEqual([]);
    const github = await runCli(['validate', '--format', 'github', 'fixtures/invalid/invalid-ip.yaml']);
    expect(github.code).toBe(1);
    expect(github.stderr).toMatch(/^::error file=fixtures\/invalid\/invalid-ip.yaml,line=88,col=19,endLine=88,endColumn=29,title=egressc invalid-ip::"10.0.0.256" is not an IPv4 address. \(.+\)\n$/);
  });
});

describe('egressc schema', () => {
  it('prints the committed JSON Schema', async () => {
    const result = await runCli(['schema']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(readFileSync(join(REPO_ROOT, 'schema/egressc.schema.json'), 'utf8'));
  });

  it('refuses arguments and has --help', async () => {
    expect((await runCli(['schema', 'extra'])).code).toBe(2);
    const help = await runCli(['schema', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('yaml-language-server');
  });
});

describe('egressc', () => {
  it('prints its version before or after a command, and usage for an unknown command', async () => {
    const { VERSION } = await import('../../src/version.js');
    for (const args of [['--version'], ['validate', '--version'], ['schema', '-V']]) {
      const result = await runCli(args);
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stdout).toBe(`${VERSION}\n`);
    }
    const unknown = await runCli(['frobnicate', '--version']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  });
});
