// The Calico output of the fixtures, compiled through the whole pipeline (allocator included):
// golden files, CRD validation, and agreement of the BGPPeers with the allocated Connect peers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFixture, FIXTURES } from '../support/fixtures.js';
import { expectGolden } from '../support/golden.js';
import { ENTERPRISE_CRDS, loadCrdValidator } from './support/crd-validator.js';
import { docsOf, manifestArtifacts, parseStream } from './support/emitted.js';

const validator = loadCrdValidator(ENTERPRISE_CRDS);

describe.each(['seed', 'multi'])('fixture %s', (name) => {
  const out = compileFixture(`${name}/topology.yaml`, { useLock: true });
  const model = out.model;

  it('compiles without errors', () => {
    expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(model).toBeDefined();
  });

  it('matches the golden files under calico/', () => {
    expectGolden(name, out.artifacts, ['calico/']);
  });

  it('every document validates against the CRDs', () => {
    const manifests = manifestArtifacts(out.artifacts);
    expect(manifests.length).toBeGreaterThan(0);
    for (const a of manifests) for (const doc of parseStream(a.content)) expect(validator.validate(doc), a.path).toEqual([]);
  });

  it('BGPPeers agree with the allocated Connect peers and the TGW ASN', () => {
    if (!model) throw new Error('no model');
    for (const cluster of model.clusters) {
      const peers = docsOf(out.artifacts, `calico/${cluster.name}/bgp-peers.yaml`);
      const expected = cluster.nodes.flatMap((node) =>
        node.connectPeer.tgwBgpAddresses.map((address) => ({ node: node.nodeName, peerIP: address, asNumber: model.transitGateway.amazonSideAsn })),
      );
      expect(peers.map((p) => ({ node: p.spec?.node, peerIP: p.spec?.peerIP, asNumber: p.spec?.asNumber }))).toEqual(expected);
      for (const node of cluster.nodes) {
        // N+2 and N+3 of the node's inside /29, which holds the node's own BGP address N+1
        const base = node.connectPeer.insideCidr.split('/')[0] ?? '';
        const last = Number(base.split('.')[3]);
        const prefix = base.split('.').slice(0, 3).join('.');
        expect(node.connectPeer.tgwBgpAddresses).toEqual([`${prefix}.${last + 2}`, `${prefix}.${last + 3}`]);
      }
    }
  });
});

describe('live-interface-route fixture (advertiseGatewayRoutes: hostingNode)', () => {
  const out = compileFixture('live-interface-route/topology.yaml', { useLock: true });

  it('every document validates against the CRDs, the BGPFilter with its source RemotePeers rules', () => {
    expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const manifests = manifestArtifacts(out.artifacts);
    for (const a of manifests) for (const doc of parseStream(a.content)) expect(validator.validate(doc), a.path).toEqual([]);
    const [filter] = docsOf(out.artifacts, 'calico/apps/bgp-filter.yaml');
    const rules = filter?.spec?.exportV4 as { source?: string }[];
    expect(rules.filter((r) => r.source === 'RemotePeers')).toHaveLength(2);
  });
});

describe('multi fixture specifics', () => {
  const out = compileFixture('multi/topology.yaml', { useLock: true });

  it('patches the payments template only (analytics uses interfaceRoute)', () => {
    const paths = out.artifacts.map((a) => a.path);
    expect(paths).toContain('calico/payments/bird-templates.yaml');
    expect(paths).not.toContain('calico/analytics/bird-templates.yaml');
  });

  it('the policy-selected gateway sends exactly the reports-api addresses through it', () => {
    const [policy] = docsOf(out.artifacts, 'calico/payments/egress-gateway-policies.yaml');
    const rules = (policy?.spec?.rules ?? []) as { destination: { cidr: string }; gateway?: unknown }[];
    expect(rules.filter((r) => r.gateway).map((r) => r.destination.cidr)).toEqual(['10.50.3.20/32']);
    expect(rules.at(-1)).toEqual({ description: 'all other destinations: normal routing', destination: { cidr: '0.0.0.0/0' } });
  });
});

// A 4-byte ASN is valid BGP and valid for AWS, but Calico's CRDs declare asNumber as int32 and
// Kubernetes 1.36+ enforces it: the checker warns, and the int32-enforcing validator proves the reason.
describe('4-byte ASNs and the int32 asNumber of the Calico CRDs', () => {
  const fixture = 'invalid/asn-exceeds-crd-int32.yaml';
  const int32Warnings = (out: ReturnType<typeof compileFixture>) => out.diagnostics.filter((d) => d.code === 'asn-exceeds-crd-int32');

  it('warns at the TGW ASN, and the emitted BGPPeers are refused by the CRD', () => {
    const out = compileFixture(fixture);
    expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const warnings = int32Warnings(out);
    expect(warnings.map((d) => [d.severity, d.range?.start.line, d.range?.start.col])).toEqual([['warning', 17, 20]]);
    expect(warnings[0]?.hint).toContain('64512-65534');
    const peers = docsOf(out.artifacts, 'calico/demo/bgp-peers.yaml');
    expect(peers.length).toBeGreaterThan(0);
    for (const peer of peers) {
      expect(peer.spec?.asNumber).toBe(4200000000);
      expect(validator.validate(peer).join()).toContain('/spec/asNumber must match format "int32"');
    }
    // the cluster's own (2-byte) ASN stays valid
    for (const config of docsOf(out.artifacts, 'calico/demo/bgp-configuration.yaml')) expect(validator.validate(config)).toEqual([]);
  });

  it('warns at a 4-byte cluster ASN, whose BGPConfiguration is refused by the CRD', () => {
    const text = readFileSync(join(FIXTURES, fixture), 'utf8')
      .replace('amazonSideAsn: 4200000000', 'amazonSideAsn: 64512')
      .replace('asNumber: 64600', 'asNumber: 4200000100');
    const out = compileFixture(fixture, { specText: text });
    expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const warnings = int32Warnings(out);
    expect(warnings.map((d) => d.path)).toEqual([['spec', 'clusters', 0, 'asNumber']]);
    const [config] = docsOf(out.artifacts, 'calico/demo/bgp-configuration.yaml');
    expect(config?.spec?.asNumber).toBe(4200000100);
    expect(validator.validate(config).join()).toContain('/spec/asNumber must match format "int32"');
    for (const peer of docsOf(out.artifacts, 'calico/demo/bgp-peers.yaml')) expect(validator.validate(peer)).toEqual([]);
  });

  it('no warning at ASNs up to 2147483647 (the multi fixture uses 64513)', () => {
    expect(int32Warnings(compileFixture('multi/topology.yaml', { useLock: true }))).toEqual([]);
  });
});
