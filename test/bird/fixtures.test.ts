// The emitted peers.conf of every fixture: byte-compared with its golden file, accepted by `bird -p`,
// and in agreement with the allocation (one protocol per TGW BGP address of the node's Connect peer).
import { describe, expect, it } from 'vitest';
import { birdPeersPath } from '../../src/emit/bird/index.js';
import { nodePeerProtocolName } from '../../src/emit/bird/peers.js';
import { compileFixture } from '../support/fixtures.js';
import { expectGolden } from '../support/golden.js';
import { itWithTools } from '../support/real-tools.js';
import { birdParse } from './bird-parse.js';

const FIXTURES = ['seed', 'multi', 'live-interface-route'] as const;
const itBird = itWithTools(['bird']);

describe.each(FIXTURES)('fixture %s: bird/', (fixture) => {
  const compiled = compileFixture(`${fixture}/topology.yaml`, { useLock: true });
  const birdArtifacts = compiled.artifacts.filter((a) => a.path.startsWith('bird/'));

  it('compiles, with one peers.conf per peering node that names both TGW BGP addresses', () => {
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const model = compiled.model;
    expect(model).toBeDefined();
    const nodes = model?.clusters.flatMap((cluster) => cluster.nodes.map((node) => ({ cluster, node }))) ?? [];
    expect(birdArtifacts.map((a) => a.path).sort()).toEqual(nodes.map(({ cluster, node }) => birdPeersPath(cluster, node)).sort());
    for (const { cluster, node } of nodes) {
      const text = birdArtifacts.find((a) => a.path === birdPeersPath(cluster, node))?.content ?? '';
      const protocols = [...text.matchAll(/^protocol bgp (\S+) \{$/gm)].map((m) => m[1]);
      expect(protocols).toEqual(node.connectPeer.tgwBgpAddresses.map(nodePeerProtocolName));
      for (const address of node.connectPeer.tgwBgpAddresses) expect(text).toContain(`  neighbor ${address} as ${model?.transitGateway.amazonSideAsn};\n`);
      expect(text).toContain(`  local as ${cluster.asNumber};\n`);
    }
  });

  itBird('every peers.conf passes bird -p', () => {
    expect(birdArtifacts.length).toBeGreaterThan(0);
    for (const artifact of birdArtifacts) expect(birdParse(artifact.content), artifact.path).toEqual({ ok: true, output: '' });
  });

  it('matches the golden files', () => {
    expect(birdArtifacts.length).toBeGreaterThan(0);
    expectGolden(fixture, compiled.artifacts, ['bird/']);
  });
});
