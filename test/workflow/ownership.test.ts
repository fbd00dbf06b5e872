// Ownership: what the previous manifest lists is egressc's; everything else is never touched.
import { describe, expect, it } from 'vitest';
import { parseManifest, serializeManifest, buildManifest, type Manifest } from '../../src/write/manifest.js';
import { planOwnership } from '../../src/write/ownership.js';

const inventory = { transitGateway: { name: 't', amazonSideAsn: 64512 }, ruleGroup: { name: 'g', capacity: 1 }, connectPeers: [], bgpSessions: [], egressPools: [], firewallRules: [], reachability: [] };
const manifest = (paths: string[]): Manifest =>
  buildManifest({ version: '0', specText: 's', lockText: 'l', inventory, artifacts: paths.map((path) => ({ path, content: path, mode: 0o644 })) });

describe('planOwnership', () => {
  it('prunes what the previous manifest listed, keeps foreign files, refuses collisions (also through directories)', () => {
    const previous = manifest(['netplan/a.yaml', 'netplan/b.yaml', 'REPORT.md']);
    const present = ['manifest.json', 'netplan/a.yaml', 'netplan/b.yaml', 'REPORT.md', 'NOTES.txt', 'calico', 'x/y.txt'];
    expect(planOwnership(previous, present, ['netplan/a.yaml', 'REPORT.md', 'calico/pools.yaml', 'x'])).toEqual({
      foreign: ['NOTES.txt', 'calico', 'x/y.txt'],
      collisions: ['calico', 'x/y.txt'],
      stale: ['netplan/b.yaml'],
    });
  });

  it('owns nothing without a manifest, so a manifest.json already there is a collision', () => {
    expect(planOwnership(undefined, ['manifest.json', 'a'], ['b']).collisions).toEqual(['manifest.json']);
  });
});

describe('parseManifest', () => {
  it('round-trips, and refuses manifests that are not egressc\'s or name paths outside DIR', () => {
    const m = manifest(['b', 'a/c']);
    expect(m.files.map((f) => f.path)).toEqual(['a/c', 'b']);
    expect(parseManifest(serializeManifest(m)).manifest).toEqual(m);
    expect(parseManifest('{').error).toBe('is not valid JSON');
    expect(parseManifest('{"kind":"Other"}').error).toContain('is not an egressc manifest');
    for (const path of ['../x', '/etc/passwd', 'a//b', 'a/./b', '']) {
      const bad = { ...m, files: [{ path, sha256: 'x', mode: '0644' }] };
      expect(parseManifest(JSON.stringify(bad)).error, path).toContain('unsafe path');
    }
  });
});
