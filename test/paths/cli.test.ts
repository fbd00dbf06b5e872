// `egressc trace` as a user runs it (the built CLI): the article's two flows, JSON, and usage errors.
import { describe, expect, it } from 'vitest';
import { runCli, STACK_LINE } from '../foundation/cli-runner.js';

const SEED = 'fixtures/seed/topology.yaml';

describe('egressc trace', () => {
  it('prints the article\'s flow hop by hop, each with its artifact, and exits 0 when allowed', async () => {
    const run = await runCli(['trace', SEED, '--from', 'ns/app', '--to', 'service/database:5432/tcp']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ns\/app → service\/database:5432\/tcp \(10\.0\.0\.55\)\nsource address: 198\.51\.100\.0\/29 through egress gateway egw-database\nforward:\n/);
    expect(run.stdout).toContain('      terraform/routing.tf.json  aws_ec2_transit_gateway_route.inspection_rt_0_0_0_0_0\n');
    expect(run.stdout).toMatch(/ {6}firewall\/egress-gateways\.rules {2}sid \d+ \(line \d+\)\n/);
    expect(run.stdout).toContain('\nreturn:\n');
    expect(run.stdout.endsWith('verdict: allowed\n')).toBe(true);
  });

  it('exits 1 for a dropped flow and names the deciding sid', async () => {
    const run = await runCli(['trace', SEED, '--from', 'node/worker-1', '--to', 'service/database:5432/tcp']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/verdict: dropped by sid \d+\n$/);
    expect(run.stdout).not.toContain('return:');
  });

  it('--format json: the hops and the verdict as data', async () => {
    const run = await runCli(['trace', SEED, '--from', 'ns/app', '--to', 'service/database:5432/tcp', '--format', 'json']);
    expect(run.code).toBe(0);
    const parsed = JSON.parse(run.stdout) as { from: string; traces: { verdict: { kind: string }; sourceCidr: string; hops: { direction: string; decidedBy?: { artifact: string } }[] }[] };
    expect(parsed.from).toBe('ns/app');
    expect(parsed.traces).toHaveLength(1);
    expect(parsed.traces[0]!.verdict).toEqual({ kind: 'allowed' });
    expect(parsed.traces[0]!.sourceCidr).toBe('198.51.100.0/29');
    expect(new Set(parsed.traces[0]!.hops.map((h) => h.direction))).toEqual(new Set(['forward', 'return']));
  });

  it.each([
    [['--from', 'ns/app'], 'missing --to'],
    [['--from', 'pod/app', '--to', 'service/database:5432/tcp'], 'is not a source'],
    [['--from', 'ns/app', '--to', 'service/database'], 'is not a destination'],
    [['--from', 'ns/app', '--to', 'service/nope:5432/tcp'], 'no service "nope"'],
    [['--from', 'node/nope', '--to', 'service/database:5432/tcp'], 'no peering node "nope"'],
  ])('usage error %j: exit 2 with the reason', async (args, reason) => {
    const run = await runCli(['trace', SEED, ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(reason);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });
});
