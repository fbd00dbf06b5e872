import { describe, expect, it } from 'vitest';
import { emitBirdPeers, renderNodePeers } from '../../src/emit/bird/index.js';
import { birdCommentText, birdString, birdSymbol } from '../../src/emit/bird/escape.js';
import { itWithTools } from '../support/real-tools.js';
import { birdParse } from './bird-parse.js';
import type { Cluster, Topology } from '../../src/model/types.js';
import { handBuiltTopology } from '../calico/support/topology.js';

const itBird = itWithTools(['bird']);

/** The Calico tests' hand-built model (independent of the allocator), its demo cluster changed as given. */
function modelWithDemo(overrides: Partial<Cluster> = {}): Topology {
  const model = handBuiltTopology();
  Object.assign(demoOf(model), overrides);
  return model;
}

function demoOf(model: Topology): Cluster {
  const demo = model.clusters.find((c) => c.name === 'demo');
  if (!demo) throw new Error('the hand-built model has no demo cluster');
  return demo;
}

const contentOf = (model: Topology, path: string): string => {
  const found = emitBirdPeers(model).artifacts.find((a) => a.path === path);
  if (!found) throw new Error(`no ${path}`);
  return found.content;
};

/** The `protocol bgp NAME { … }` blocks of a peers.conf, by name. */
function protocolBlocks(text: string): Map<string, string> {
  const blocks = new Map<string, string>();
  for (const match of text.matchAll(/^protocol bgp (\S+) \{\n([\s\S]*?)^\}/gm)) blocks.set(match[1] ?? '', match[2] ?? '');
  return blocks;
}

/** The body of `function NAME() { … }`. */
function functionBody(text: string, name: string): string {
  const start = text.indexOf(`function ${name}()`);
  expect(start, `function ${name}`).toBeGreaterThanOrEqual(0);
  return text.slice(start, text.indexOf('\n}', start));
}

describe('bird/<cluster>/<node>.peers.conf', () => {
  const model = modelWithDemo();
  const { artifacts } = emitBirdPeers(model);
  const worker1 = contentOf(model, 'bird/demo/worker-1.peers.conf');

  it('writes one file per peering node, world-readable', () => {
    expect(artifacts.map((a) => [a.path, a.mode])).toEqual([
      ['bird/demo/worker-1.peers.conf', 0o644],
      ['bird/demo/worker-2.peers.conf', 0o644],
      ['bird/analytics/ana-1.peers.conf', 0o644],
    ]);
  });

  it('has one multihop eBGP session per TGW BGP address (N+2, N+3), without a source address', () => {
    const cluster = demoOf(model);
    for (const node of cluster.nodes) {
      const blocks = protocolBlocks(contentOf(model, `bird/demo/${node.name}.peers.conf`));
      const [a, b] = node.connectPeer.tgwBgpAddresses;
      expect([...blocks.keys()]).toEqual([`Node_${a.replaceAll('.', '_')}`, `Node_${b.replaceAll('.', '_')}`]);
      for (const [name, body] of blocks) {
        const neighbor = name.slice('Node_'.length).replaceAll('_', '.');
        expect(body).toContain(`  local as ${cluster.asNumber};\n  neighbor ${neighbor} as ${model.transitGateway.amazonSideAsn};\n`);
        expect(body).toMatch(/^ {2}multihop;$/m);
        expect(body).not.toMatch(/\bdirect;|source address/);
        expect(body).toMatch(/^ {2}gateway recursive;$/m);
        // next hop self towards the TGW (the default; CE 3.22 has nextHopMode)
        expect(body).toMatch(/^ {2}next hop self;$/m);
        expect(body).toContain("import filter { 'bgp_tgw-central_importFilterV4'(); };");
        expect(body).toContain("export filter { 'bgp_tgw-central_exportFilterV4'(); };");
      }
    }
  });

  it('exports only the egress pools and imports only importFromTransitGateway', () => {
    const text = worker1;
    expect(functionBody(text, "'bgp_tgw-central_exportFilterV4'")).toMatch(/\{\n {2}if \( net ~ 198\.51\.100\.0\/29 \) then accept;\n {2}reject;$/);
    expect(functionBody(text, "'bgp_tgw-central_importFilterV4'")).toMatch(/\{\n {2}reject;$/);
    const withImports = contentOf(modelWithDemo({ importFromTransitGateway: ['10.0.0.0/16', '10.1.0.0/16'] }), 'bird/demo/worker-1.peers.conf');
    expect(functionBody(withImports, "'bgp_tgw-central_importFilterV4'")).toMatch(
      /\{\n {2}if \( net ~ 10\.0\.0\.0\/16 \) then accept;\n {2}if \( net ~ 10\.1\.0\.0\/16 \) then accept;\n {2}reject;$/,
    );
  });

  it('advertiseGatewayRoutes hostingNode: the export function first rejects the pools\' BGP-learned routes, as confd renders source RemotePeers', () => {
    const text = contentOf(modelWithDemo({ advertiseGatewayRoutes: 'hostingNode' }), 'bird/demo/worker-1.peers.conf');
    expect(functionBody(text, "'bgp_tgw-central_exportFilterV4'")).toMatch(
      /\{\n {2}if \( \(net ~ 198\.51\.100\.0\/29\) && \(\(defined\(source\)\)&&\(source ~ \[ RTS_BGP \]\)\) \) then reject;\n {2}if \( net ~ 198\.51\.100\.0\/29 \) then accept;\n {2}reject;$/,
    );
    // the import side has no source rule (imported routes are BGP-learned by definition)
    expect(functionBody(text, "'bgp_tgw-central_importFilterV4'")).not.toContain('source');
  });

  it('open source before 3.27: the catch-all rule is written with cidr 0.0.0.0/0 (the 3.26 CRD requires one)', () => {
    const oss326 = modelWithDemo({ calico: { edition: 'opensource', major: 3, minor: 26, patch: 5, text: '3.26.5' } });
    const text = contentOf(oss326, 'bird/demo/worker-1.peers.conf');
    expect(functionBody(text, "'bgp_tgw-central_importFilterV4'")).toMatch(/\{\n {2}if \( net ~ 0\.0\.0\.0\/0 \) then reject;$/);
    expect(functionBody(text, "'bgp_tgw-central_exportFilterV4'")).toMatch(/then accept;\n {2}if \( net ~ 0\.0\.0\.0\/0 \) then reject;$/);
  });

  it('says why multihop per strategy, and renders the unpatched `direct` only on request', () => {
    expect(worker1).toContain('patched confd template');
    const interfaceRoute = modelWithDemo({ multihop: { strategy: 'interfaceRoute', templates: [] } });
    const cluster = demoOf(interfaceRoute);
    const text = renderNodePeers(interfaceRoute, cluster, cluster.nodes[0]!);
    expect(text).toContain('as a /32');
    expect(text).toMatch(/^ {2}multihop;$/m);
    const unpatched = renderNodePeers(interfaceRoute, cluster, cluster.nodes[0]!, { connection: 'direct' });
    expect(unpatched).toMatch(/^ {2}direct;$/m);
    expect(unpatched).not.toMatch(/multihop;/);
  });

  it('is deterministic', () => {
    expect(emitBirdPeers(modelWithDemo()).artifacts).toEqual(artifacts);
  });

  itBird('every peers.conf (both strategies, and the unpatched rendering) passes bird -p', () => {
    const variants = [
      model,
      modelWithDemo({ multihop: { strategy: 'interfaceRoute', templates: [] }, importFromTransitGateway: ['10.0.0.0/16'] }),
      modelWithDemo({ advertiseGatewayRoutes: 'hostingNode', calico: { edition: 'opensource', major: 3, minor: 26, text: '3.26' } }),
    ];
    const texts = variants.flatMap((m) => emitBirdPeers(m).artifacts.map((a) => a.content));
    const cluster = demoOf(model);
    texts.push(renderNodePeers(model, cluster, cluster.nodes[1]!, { connection: 'direct' }));
    for (const text of texts) expect(birdParse(text), text).toEqual({ ok: true, output: '' });
  });

  itBird('bird -p rejects a broken peers.conf (the check can fail)', () => {
    const text = worker1;
    expect(birdParse(text.replace('as 64512;', 'as 4294967296;')).ok).toBe(false);
    const duplicated = birdParse(`${text}\n${text.slice(text.indexOf('protocol bgp'))}`);
    expect(duplicated.ok).toBe(false);
  });
});

describe('BIRD escaping', () => {
  it('keeps upper-case identifiers bare and quotes everything else', () => {
    expect(birdSymbol('Node_169_254_8_10')).toBe('Node_169_254_8_10');
    expect(birdSymbol('bgp_tgw-central_exportFilterV4')).toBe("'bgp_tgw-central_exportFilterV4'");
    expect(birdSymbol('filter')).toBe("'filter'");
    expect(() => birdSymbol('a b')).toThrow(/BIRD symbol/);
    expect(() => birdSymbol("it's")).toThrow(/BIRD symbol/);
  });

  it('makes any text a single-line string and comment', () => {
    expect(birdString('say "hi"\nnow')).toBe('"say _hi__now"');
    expect(birdCommentText('a\r\nb')).toBe('a b');
  });

  itBird('escaped names and strings parse', () => {
    const text = `function ${birdSymbol('bgp_a.b-c_x')}() { reject; }\nprotocol bgp ${birdSymbol('Node_1')} {\n  description ${birdString('a "quoted"\nname; {x}')};\n  local as 1;\n  neighbor 10.0.0.1 as 2;\n  multihop;\n  export filter { ${birdSymbol('bgp_a.b-c_x')}(); };\n}\n`;
    expect(birdParse(text)).toEqual({ ok: true, output: '' });
  });
});
