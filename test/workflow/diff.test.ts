// egressc diff: the unified diff (applied by patch(1) and git apply) and the summary of what a change means.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { itWithTools } from '../support/real-tools.js';
import { asObject, editSpec, egressc, snapshot, workspace } from './cli-support.js';

const diff = (dir: string): ReturnType<typeof egressc> => egressc(['diff', 'topology.yaml', '--out', 'out'], dir);

function built(fixture = 'seed'): string {
  const dir = workspace(fixture);
  const run = egressc(['build', 'topology.yaml', '--out', 'out'], dir);
  if (run.status !== 0) throw new Error(run.stderr);
  return dir;
}

describe('egressc diff', () => {
  it('exits 0 and says so when nothing changes', () => {
    const run = diff(built());
    expect(run.stdout).toContain('egressc diff: no changes');
    expect(run.status).toBe(0);
  });

  it("flags the Connect peer's replacement when its pinned inside /29 changes", () => {
    const dir = built();
    editSpec(dir, (doc) => doc.setIn(['spec', 'clusters', 0, 'peeringNodes', 0, 'pin', 'insideCidr'], '169.254.9.0/29'));
    const run = diff(dir);
    expect(run.status).toBe(1);
    const summary = run.stdout.slice(0, run.stdout.indexOf('## Files'));
    expect(summary).toContain('REPLACEMENTS');
    expect(summary).toContain('Connect peer `demo/worker-1` will be replaced: insideCidr 169.254.8.8/29 → 169.254.9.0/29');
    expect(summary).toContain('- added: `demo/worker-1/169.254.9.2`');
    expect(summary).toContain('- removed: `demo/worker-1/169.254.8.10`');
    expect(summary).not.toContain('demo/worker-2` will be replaced');
    expect(run.stdout).toContain('--- a/out/REPORT.md\n+++ b/out/REPORT.md\n@@ ');
    expect(run.stdout).toContain('--- a/seed.lock.yaml\n+++ b/seed.lock.yaml\n');
  });

  it('flags every Connect peer of a cluster when its ASN changes', () => {
    const dir = built();
    editSpec(dir, (doc) => doc.setIn(['spec', 'clusters', 0, 'asNumber'], 64601));
    const run = diff(dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('Connect peer `demo/worker-1` will be replaced: bgpAsn 64600 → 64601');
    expect(run.stdout).toContain('Connect peer `demo/worker-2` will be replaced: bgpAsn 64600 → 64601');
  });

  it('reports added and removed peers, sessions, egress IPs and firewall rules', () => {
    const dir = built();
    editSpec(dir, (doc) => {
      doc.deleteIn(['spec', 'clusters', 0, 'peeringNodes', 1]);
      doc.setIn(['spec', 'clusters', 0, 'egressGateways', 0, 'ipPool', 'cidr'], '198.51.100.8/29');
      doc.setIn(['spec', 'services', 0, 'ports', 0, 'port'], 5433);
      // the seed's expectations name the port (they would fail otherwise: the protect rule drops 5432)
      doc.setIn(['spec', 'expectations', 0, 'to'], 'service/database:5433/tcp');
      doc.setIn(['spec', 'expectations', 1, 'to'], 'service/database:5433/tcp');
      doc.setIn(['spec', 'expectations', 0, 'sourceAddress'], '198.51.100.9');
    });
    const run = diff(dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('### Connect peers\n\n- removed: `demo/worker-2`');
    expect(run.stdout).toContain('- removed: `demo/worker-2/169.254.0.10`');
    expect(run.stdout).toContain('- changed: `demo/egw-database` (cidr 198.51.100.0/29 → 198.51.100.8/29)');
    expect(run.stdout).toMatch(/- changed: `allow\/app-to-database\/egw-database\/database\/tcp` \(.*sources 198\.51\.100\.0\/29 → 198\.51\.100\.8\/29.*ports 5432 → 5433/);
    // reachability: the flows of the service's old port and of the removed node are gone, the new port's are new
    expect(run.stdout).toContain('- NEW: ns/app → service/database:5433/tcp allowed');
    expect(run.stdout).toMatch(/- NEW: node\/worker-1 → service\/database:5433\/tcp dropped by sid \d+/);
    expect(run.stdout).toContain('- GONE: ns/app → service/database:5432/tcp (was allowed)');
    expect(run.stdout).toMatch(/- GONE: node\/worker-2 → service\/database:5432\/tcp \(was dropped by sid \d+\)/);
  });

  it('flags a new peer that gets the inside /29 of a peer removed in the same apply, and build warns at the new node', () => {
    const dir = built();
    // a pool of two /29s, both in use: replacing a node leaves the new one nothing but the released /29
    editSpec(dir, (doc) => doc.setIn(['spec', 'transitGateway', 'insideCidrPool'], '169.254.8.0/28'));
    expect(egressc(['build', 'topology.yaml', '--out', 'out'], dir).status).toBe(0);
    editSpec(dir, (doc) => doc.setIn(['spec', 'clusters', 0, 'peeringNodes', 1, 'name'], 'worker-3'));
    const run = diff(dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('### ⚠ REUSED IN ONE APPLY');
    expect(run.stdout).toContain('- **REUSED** `demo/worker-3` gets inside CIDR `169.254.8.0/29` of `demo/worker-2`');
    expect(run.stdout).not.toContain('gets TGW GRE address');
    const build = egressc(['build', 'topology.yaml', '--out', 'out'], dir);
    expect(build.status).toBe(0);
    // at the new node's entry
    const line = readFileSync(join(dir, 'topology.yaml'), 'utf8').split('\n').findIndex((l) => l.includes('name: worker-3')) + 1;
    expect(build.stderr).toContain(`topology.yaml:${line}:11: warning[allocation-reuses-released]: The Connect peer of demo/worker-3 gets inside CIDR 169.254.8.0/29`);
    // the lock records what was released, and the next diff has nothing left to flag
    expect(readFileSync(join(dir, 'seed.lock.yaml'), 'utf8')).toContain('released:\n  connectPeers:\n    demo/worker-2:\n');
    expect(diff(dir).status).toBe(0);
  });

  it('names the Terraform resources that will be replaced, by their ForceNew arguments', () => {
    const dir = built('multi');
    const edited = (edit: Parameters<typeof editSpec>[1]): string => {
      const copy = workspace('multi');
      cpSync(dir, copy, { recursive: true });
      editSpec(copy, edit);
      const run = diff(copy);
      expect(run.status).toBe(1);
      return run.stdout.slice(0, run.stdout.indexOf('## Files'));
    };
    const peer = /\*\*REPLACED\*\* `aws_ec2_transit_gateway_connect_peer\.[a-z0-9_]+`: /;
    const insideCidr = edited((doc) => doc.setIn(['spec', 'clusters', 0, 'peeringNodes', 0, 'pin'], { insideCidr: '169.254.103.248/29' }));
    expect(insideCidr).toMatch(new RegExp(`${peer.source}inside_cidr_blocks \\["169\\.254\\.100\\.8/29"\\] → \\["169\\.254\\.103\\.248/29"\\]`));
    expect(insideCidr).toMatch(/the Connect peer is recreated: its BGP sessions drop/);
    expect(insideCidr).toContain('1 to replace');
    const asn = edited((doc) => doc.setIn(['spec', 'clusters', 0, 'asNumber'], 65011));
    expect(asn.match(new RegExp(`${peer.source}bgp_asn "65010" → "65011"`, 'g'))?.length).toBe(6);
    const tgw = edited((doc) => doc.setIn(['spec', 'transitGateway', 'amazonSideAsn'], 64514));
    expect(tgw).toMatch(/\*\*REPLACED\*\* `aws_ec2_transit_gateway\.[a-z0-9_]+`: amazon_side_asn 64513 → 64514 \(the Transit Gateway is recreated/);
    const removed = edited((doc) => doc.deleteIn(['spec', 'clusters', 0, 'peeringNodes', 5]));
    expect(removed).toMatch(/- destroy `aws_ec2_transit_gateway_connect_peer\.[a-z0-9_]+pay_c2`/);
    expect(removed).not.toContain('REPLACED');
  });

  it('reports everything as added for a first build, leaving foreign files out', () => {
    const dir = workspace('seed');
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'NOTES.txt'), 'mine\n');
    const run = diff(dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('- added: `demo/worker-1`');
    expect(run.stdout).toContain('--- /dev/null\n+++ b/out/REPORT.md\n@@ -0,0 +1,');
    expect(run.stdout).not.toContain('NOTES.txt');
  });

  const withPatch = itWithTools(['patch', 'git']);
  withPatch('prints a patch that patch(1) and git apply turn into exactly what build writes', () => {
    const dir = built('multi');
    editSpec(dir, (doc) => {
      doc.deleteIn(['spec', 'clusters', 0, 'peeringNodes', 2]);
      doc.setIn(['spec', 'transitGateway', 'amazonSideAsn'], 64514);
    });
    writeFileSync(join(dir, 'out', 'NOTES.txt'), 'foreign, kept\n');
    const run = diff(dir);
    expect(run.status).toBe(1);
    const tools = ['patch', 'git'] as const;
    const copies = tools.map((tool) => {
      const copy = mkdtempSync(join(tmpdir(), `egressc-diff-${tool}-`));
      cpSync(dir, copy, { recursive: true });
      return copy;
    });
    try {
      expect(egressc(['build', 'topology.yaml', '--out', 'out'], dir).status).toBe(0);
      const expected = asObject(snapshot(join(dir, 'out')));
      // manifest.json is not shown in the diff, and patches carry no modes
      delete expected['manifest.json'];
      for (const entry of Object.values(expected)) entry.mode = 0;
      tools.forEach((tool, i) => {
        const copy = copies[i]!;
        const args = tool === 'patch' ? ['-p1', '-s', '--no-backup-if-mismatch'] : ['apply', '-p1', '-'];
        const applied = spawnSync(tool, args, { cwd: copy, input: run.stdout, encoding: 'utf8' });
        expect(applied.status, `${tool}: ${applied.stderr}${applied.stdout}`).toBe(0);
        const patched = asObject(snapshot(join(copy, 'out')));
        delete patched['manifest.json'];
        for (const entry of Object.values(patched)) entry.mode = 0;
        expect(patched, tool).toEqual(expected);
        expect(snapshot(copy).get('multi.lock.yaml')?.content, tool).toBe(snapshot(dir).get('multi.lock.yaml')?.content);
      });
    } finally {
      for (const copy of copies) rmSync(copy, { recursive: true, force: true });
    }
  });
});
