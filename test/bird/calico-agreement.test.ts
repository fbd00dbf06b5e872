// peers.conf must be what confd renders for the Calico resources egressc emits: read the emitted
// BGPPeers, BGPFilter and BGPConfiguration back from their YAML and check each rendered block against them.
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { birdPeersPath } from '../../src/emit/bird/index.js';
import { nodePeerProtocolName } from '../../src/emit/bird/peers.js';
import type { CompileOutput } from '../../src/compile.js';
import { compileFixture } from '../support/fixtures.js';

const FIXTURES = ['seed', 'multi', 'live-interface-route'] as const;

interface K8sObject {
  kind: string;
  metadata: { name: string };
  spec: Record<string, unknown>;
}

function objectsOf(compiled: CompileOutput, cluster: string, kind: string): K8sObject[] {
  return compiled.artifacts
    .filter((a) => a.path.startsWith(`calico/${cluster}/`) && a.path.endsWith('.yaml'))
    .flatMap((a) => parseAllDocuments(a.content).map((doc) => doc.toJS() as K8sObject | null))
    .filter((o): o is K8sObject => o !== null && o.kind === kind);
}

/** The body of `protocol bgp NAME { … }`. */
function protocolBody(text: string, name: string): string | undefined {
  return new RegExp(`^protocol bgp ${name} \\{\\n([\\s\\S]*?)^\\}`, 'm').exec(text)?.[1];
}

interface FilterRule {
  action: 'Accept' | 'Reject';
  cidr?: string;
  matchOperator?: string;
  source?: string;
}

/** confd's condition for `source: RemotePeers` (confd/pkg/resource/template/template_funcs.go, filterMatchSource, v3.27.0 to master) */
const CONFD_REMOTE_PEERS = '((defined(source))&&(source ~ [ RTS_BGP ]))';

/** The statements confd's BGPFilter rendering gives for a rule list (In → `net ~`; conditions joined by `&&`). */
function filterStatements(rules: FilterRule[]): string[] {
  return rules.map((rule) => {
    const verdict = rule.action === 'Accept' ? 'accept' : 'reject';
    if (rule.cidr === undefined) {
      expect(rule.source).toBeUndefined();
      return `${verdict};`;
    }
    expect(rule.matchOperator).toBe('In');
    if (rule.source === undefined) return `if ( net ~ ${rule.cidr} ) then ${verdict};`;
    expect(rule.source).toBe('RemotePeers');
    return `if ( (net ~ ${rule.cidr}) && ${CONFD_REMOTE_PEERS} ) then ${verdict};`;
  });
}

function functionStatements(text: string, name: string): string[] {
  const start = text.indexOf(`function '${name}'()`);
  expect(start, `function ${name}`).toBeGreaterThanOrEqual(0);
  const body = text.slice(text.indexOf('{', start) + 1, text.indexOf('\n}', start));
  return body.split('\n').map((line) => line.trim()).filter(Boolean);
}

describe.each(FIXTURES)('fixture %s: peers.conf agrees with the emitted Calico resources', (fixture) => {
  const compiled = compileFixture(`${fixture}/topology.yaml`, { useLock: true });

  it('one block per BGPPeer of the node: neighbor, ASNs, no source address, the next hop mode, the BGPFilter', () => {
    const model = compiled.model;
    expect(model).toBeDefined();
    for (const cluster of model?.clusters ?? []) {
      const peers = objectsOf(compiled, cluster.name, 'BGPPeer');
      const [configuration] = objectsOf(compiled, cluster.name, 'BGPConfiguration');
      const filters = objectsOf(compiled, cluster.name, 'BGPFilter');
      expect(peers.length).toBe(cluster.nodes.length * 2);
      for (const node of cluster.nodes) {
        const text = compiled.artifacts.find((a) => a.path === birdPeersPath(cluster, node))?.content ?? '';
        const nodePeers = peers.filter((peer) => peer.spec.node === node.nodeName);
        expect(nodePeers.map((peer) => nodePeerProtocolName(String(peer.spec.peerIP)))).toEqual(
          [...text.matchAll(/^protocol bgp (\S+) \{$/gm)].map((m) => m[1]),
        );
        for (const peer of nodePeers) {
          const body = protocolBody(text, nodePeerProtocolName(String(peer.spec.peerIP))) ?? '';
          expect(body).toContain(`  local as ${String(configuration?.spec.asNumber)};\n`);
          expect(body).toContain(`  neighbor ${String(peer.spec.peerIP)} as ${String(peer.spec.asNumber)};\n`);
          expect(peer.spec.sourceAddress).toBe('None');
          expect(body).not.toContain('source address');
          // confd: Keep (or keepOriginalNextHop) → next hop keep, Self → next hop self, neither → BIRD's eBGP default (self)
          const keep = peer.spec.nextHopMode === 'Keep' || peer.spec.keepOriginalNextHop === true;
          const self = peer.spec.nextHopMode === 'Self';
          expect(keep || self || (peer.spec.nextHopMode === undefined && peer.spec.keepOriginalNextHop === undefined)).toBe(true);
          if (keep) expect(body).toContain('  next hop keep;\n');
          else if (self) expect(body).toContain('  next hop self;\n');
          else expect(body).not.toContain('next hop');
          expect(peer.spec.birdGatewayMode ?? 'Recursive').toBe('Recursive');
          expect(body).toContain('  gateway recursive;\n');
          expect(peer.spec.ttlSecurity).toBeUndefined();
          expect(body).toContain('  ttl security off;\n');
          expect(body).toMatch(/^ {2}multihop;$/m);
          const filterNames = peer.spec.filters as string[];
          expect(filterNames).toHaveLength(1);
          const filter = filters.find((f) => f.metadata.name === filterNames[0]);
          expect(filter, `BGPFilter ${filterNames[0]}`).toBeDefined();
          expect(body).toContain(`import filter { 'bgp_${filterNames[0]}_importFilterV4'(); };`);
          expect(body).toContain(`export filter { 'bgp_${filterNames[0]}_exportFilterV4'(); };`);
          expect(functionStatements(text, `bgp_${filterNames[0]}_importFilterV4`)).toEqual(filterStatements(filter?.spec.importV4 as FilterRule[]));
          expect(functionStatements(text, `bgp_${filterNames[0]}_exportFilterV4`)).toEqual(filterStatements(filter?.spec.exportV4 as FilterRule[]));
        }
      }
    }
  });
});
