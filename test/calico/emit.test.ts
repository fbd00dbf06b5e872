import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { emitCalico } from '../../src/emit/calico/index.js';
import { patchBirdTemplate } from '../../src/render/calico/template-patch.js';
import type { CalicoVersion, Topology } from '../../src/model/types.js';
import { ENTERPRISE_CRDS, loadCrdValidator, OPENSOURCE_CRDS } from './support/crd-validator.js';
import { artifact, docsOf, manifestArtifacts, parseStream } from './support/emitted.js';
import { handBuiltTopology, readTemplate } from './support/topology.js';

const enterprise = loadCrdValidator(ENTERPRISE_CRDS);
const opensource = loadCrdValidator(OPENSOURCE_CRDS);

const emitOk = (model: Topology) => emitCalico(model).artifacts;

/** The spread egressc asks for (an independent statement of it: zones, then nodes, never blocking). */
const spreadOver = (gateway: string) =>
  ['topology.kubernetes.io/zone', 'kubernetes.io/hostname'].map((topologyKey) => ({
    labelSelector: { matchLabels: { 'egressc.io/egress-gateway': gateway } },
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: 'ScheduleAnyway',
  }));

function clusterOf(model: Topology, name: string) {
  const cluster = model.clusters.find((c) => c.name === name);
  if (!cluster) throw new Error(name);
  return cluster;
}

describe('emitCalico on the hand-built topology', () => {
  const model = handBuiltTopology();
  const artifacts = emitOk(model);

  it('writes one directory per cluster with stable file names', () => {
    expect(artifacts.map((a) => a.path).sort()).toEqual(
      ['analytics', 'demo']
        .flatMap((c) => [
          `calico/${c}/bgp-configuration.yaml`,
          `calico/${c}/bgp-filter.yaml`,
          `calico/${c}/bgp-peers.yaml`,
          `calico/${c}/bird-templates.yaml`,
          `calico/${c}/egress-gateways.yaml`,
          `calico/${c}/felix-configuration.yaml`,
          `calico/${c}/installation-patch.yaml`,
          `calico/${c}/ip-pools.yaml`,
          `calico/${c}/kustomization.yaml`,
          `calico/${c}/namespaces.yaml`,
          ...(c === 'analytics' ? [`calico/${c}/egress-gateway-policies.yaml`] : []),
          // gateways placed on Connect peers: one label patch per peering node
          ...clusterOf(model, c).nodes.map((n) => `calico/${c}/node-labels/${n.name}.yaml`),
        ])
        .sort(),
    );
    expect(artifacts.every((a) => a.mode === 0o644)).toBe(true);
  });

  it('validates every document against the Enterprise CRDs with strict fields', () => {
    const docs = manifestArtifacts(artifacts).flatMap((a) => parseStream(a.content).map((doc) => ({ path: a.path, doc })));
    expect(docs.length).toBeGreaterThan(15);
    for (const { path, doc } of docs) expect(enterprise.validate(doc), path).toEqual([]);
  });

  it('the validator itself rejects unknown fields, bad names and loose values', () => {
    const [peer] = docsOf(artifacts, 'calico/demo/bgp-peers.yaml');
    if (!peer?.spec) throw new Error('no peer');
    expect(enterprise.validate({ ...peer, spec: { ...peer.spec, birdGatewayModee: 'Recursive' } }).join()).toContain('additional');
    expect(enterprise.validate({ ...peer, metadata: { name: 'Bad_Name' } }).join()).toContain('DNS-1123');
    expect(enterprise.validate({ ...peer, metadata: { name: 'x', namespace: 'y' } }).join()).toContain('cluster-scoped');
    expect(enterprise.validate({ ...peer, spec: { ...peer.spec, peerIP: '169.254.8.300' } }).join()).toContain('not an IPv4');
    expect(enterprise.validate({ ...peer, spec: { ...peer.spec, sourceAddress: 'none' } }).join()).toContain('sourceAddress');
    expect(opensource.validate({ ...peer, spec: { ...peer.spec, failureDetectionMode: 'None' } }).join()).toContain('additional');
  });

  it('BGPConfiguration carries the AS number and the mesh setting', () => {
    expect(docsOf(artifacts, 'calico/demo/bgp-configuration.yaml')).toEqual([
      { apiVersion: 'projectcalico.org/v3', kind: 'BGPConfiguration', metadata: { name: 'default' }, spec: { asNumber: 64600, nodeToNodeMeshEnabled: true } },
    ]);
    expect(docsOf(artifacts, 'calico/analytics/bgp-configuration.yaml')[0]?.spec).toEqual({ asNumber: 65020, nodeToNodeMeshEnabled: false });
  });

  it('two BGPPeers per node agree with the connect peers: TGW addresses N+2, N+3 and the TGW ASN', () => {
    for (const cluster of model.clusters) {
      const peers = docsOf(artifacts, `calico/${cluster.name}/bgp-peers.yaml`);
      expect(peers).toHaveLength(2 * cluster.nodes.length);
      const expected = cluster.nodes.flatMap((node) =>
        node.connectPeer.tgwBgpAddresses.map((address, index) => ({
          name: `${cluster.name}-${node.name}-tgw-${index + 1}`,
          node: node.nodeName,
          peerIP: address,
        })),
      );
      expect(peers.map((p) => ({ name: p.metadata.name, node: p.spec?.node, peerIP: p.spec?.peerIP }))).toEqual(expected);
      for (const peer of peers) {
        expect(peer.spec).toMatchObject({ asNumber: model.transitGateway.amazonSideAsn, sourceAddress: 'None', nextHopMode: 'Self', filters: ['tgw-central'] });
        expect(Object.keys(peer.spec ?? {})).not.toContain('birdGatewayMode');
        expect(Object.keys(peer.spec ?? {})).not.toContain('failureDetectionMode');
        expect(Object.keys(peer.spec ?? {})).not.toContain('keepOriginalNextHop');
      }
    }
    // N+2 / N+3 of the /29 in the hand-built model
    expect(docsOf(artifacts, 'calico/demo/bgp-peers.yaml').map((p) => p.spec?.peerIP)).toEqual(['169.254.8.10', '169.254.8.11', '169.254.8.18', '169.254.8.19']);
  });

  it('the TGW BGPFilter exports only the egress pools and imports only the opt-in list', () => {
    expect(docsOf(artifacts, 'calico/demo/bgp-filter.yaml')[0]).toEqual({
      apiVersion: 'projectcalico.org/v3',
      kind: 'BGPFilter',
      metadata: { name: 'tgw-central' },
      spec: {
        exportV4: [{ action: 'Accept', cidr: '198.51.100.0/29', matchOperator: 'In' }, { action: 'Reject' }],
        importV4: [{ action: 'Reject' }],
      },
    });
    expect(docsOf(artifacts, 'calico/analytics/bgp-filter.yaml')[0]?.spec?.importV4).toEqual([
      { action: 'Accept', cidr: '10.40.0.0/16', matchOperator: 'In' },
      { action: 'Accept', cidr: '10.50.0.0/16', matchOperator: 'In' },
      { action: 'Reject' },
    ]);
  });

  it('egress IPPools: /32 blocks, never auto-assigned, exported, encapsulation of the cluster', () => {
    expect(docsOf(artifacts, 'calico/demo/ip-pools.yaml')[0]).toEqual({
      apiVersion: 'projectcalico.org/v3',
      kind: 'IPPool',
      metadata: { name: 'egw-database' },
      spec: { cidr: '198.51.100.0/29', blockSize: 32, nodeSelector: '!all()', disableBGPExport: false, natOutgoing: false, ipipMode: 'Never', vxlanMode: 'Always' },
    });
    expect(docsOf(artifacts, 'calico/analytics/ip-pools.yaml')[0]?.spec).toMatchObject({ ipipMode: 'Always', vxlanMode: 'Never', cidr: '198.51.100.16/28' });
  });

  it('EgressGateway: namespaced, replicas, pool by name, selector label and placement', () => {
    expect(docsOf(artifacts, 'calico/analytics/egress-gateways.yaml')).toEqual([
      {
        apiVersion: 'operator.tigera.io/v1',
        kind: 'EgressGateway',
        metadata: { name: 'egw-reports', namespace: 'egress-reports' },
        spec: {
          replicas: 2,
          ipPools: [{ name: 'reports-egress' }],
          template: {
            metadata: { labels: { 'egressc.io/egress-gateway': 'egw-reports' } },
            spec: {
              nodeSelector: { 'egress.example.com/gateway': 'true', 'egressc.io/connect-peer': 'true', 'topology.kubernetes.io/zone': 'eu-west-1a' },
              topologySpreadConstraints: spreadOver('egw-reports'),
            },
          },
        },
      },
    ]);
    expect(docsOf(artifacts, 'calico/demo/egress-gateways.yaml')[0]?.spec?.template).toEqual({
      metadata: { labels: { 'egressc.io/egress-gateway': 'egw-database' } },
      spec: { nodeSelector: { 'egressc.io/connect-peer': 'true' }, topologySpreadConstraints: spreadOver('egw-database') },
    });
  });

  it('placement anyNode: only the user\'s nodeSelector, no spread, no node label patches', () => {
    const model = handBuiltTopology();
    for (const c of model.clusters) for (const g of c.egressGateways) g.placement = 'anyNode';
    const emitted = emitOk(model);
    expect(docsOf(emitted, 'calico/demo/egress-gateways.yaml')[0]?.spec?.template).toEqual({ metadata: { labels: { 'egressc.io/egress-gateway': 'egw-database' } } });
    expect(emitted.some((a) => a.path.includes('/node-labels/'))).toBe(false);
  });

  it('asks for the Connect-peer label on every peering node, with the kubectl command', () => {
    const node = clusterOf(model, 'demo').nodes[0]!;
    const patch = artifact(artifacts, `calico/demo/node-labels/${node.name}.yaml`).content;
    expect(patch).toContain(`kubectl patch node ${node.nodeName} --type strategic --patch-file node-labels/${node.name}.yaml`);
    expect(parseStream(patch)).toEqual([{ metadata: { labels: { 'egressc.io/connect-peer': 'true' } } }]);
  });

  it('annotation clients select the gateway, across namespaces with a namespace selector', () => {
    expect(docsOf(artifacts, 'calico/demo/namespaces.yaml')).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: 'app',
          annotations: {
            'egress.projectcalico.org/selector': "egressc.io/egress-gateway == 'egw-database'",
            'egress.projectcalico.org/namespaceSelector': "projectcalico.org/name == 'egress'",
          },
        },
      },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'egress' } },
    ]);
  });

  it('a client in the gateway namespace needs no namespace selector', () => {
    const local = handBuiltTopology();
    const gateway = clusterOf(local, 'demo').egressGateways[0];
    if (!gateway) throw new Error('gateway');
    gateway.clients.namespaces = ['egress'];
    const [ns] = docsOf(emitOk(local), 'calico/demo/namespaces.yaml');
    expect(ns?.metadata.annotations).toEqual({ 'egress.projectcalico.org/selector': "egressc.io/egress-gateway == 'egw-database'" });
  });

  it('single workloads get a pod-template patch with the annotations, and Felix switches to per-pod support', () => {
    const local = handBuiltTopology();
    const gateway = clusterOf(local, 'demo').egressGateways[0];
    if (!gateway) throw new Error('gateway');
    gateway.clients.workloads = [{ namespace: 'billing', kind: 'StatefulSet', name: 'ledger-sync' }];
    const emitted = emitOk(local);
    const path = 'calico/demo/workload-patches/billing/statefulset-ledger-sync.yaml';
    expect(docsOf(emitted, path)).toEqual([
      {
        spec: {
          template: {
            metadata: {
              annotations: {
                'egress.projectcalico.org/selector': "egressc.io/egress-gateway == 'egw-database'",
                'egress.projectcalico.org/namespaceSelector': "projectcalico.org/name == 'egress'",
              },
            },
          },
        },
      },
    ]);
    expect(artifact(emitted, path).content).toContain('kubectl patch statefulset ledger-sync -n billing --type strategic --patch-file workload-patches/billing/statefulset-ledger-sync.yaml');
    expect(docsOf(emitted, 'calico/demo/felix-configuration.yaml')[0]?.spec).toEqual({ egressIPSupport: 'EnabledPerNamespaceOrPerPod' });
    // patches change objects the user owns: kubectl patch applies them, the kustomization does not list them
    expect(artifact(emitted, 'calico/demo/kustomization.yaml').content).not.toContain('workload-patches');
    expect(docsOf(artifacts, 'calico/demo/felix-configuration.yaml')[0]?.spec).toEqual({ egressIPSupport: 'EnabledPerNamespace' });
  });

  it('policy clients: an EgressGatewayPolicy sending only the allowed services through the gateway', () => {
    expect(docsOf(artifacts, 'calico/analytics/egress-gateway-policies.yaml')).toEqual([
      {
        apiVersion: 'projectcalico.org/v3',
        kind: 'EgressGatewayPolicy',
        metadata: { name: 'egw-reports' },
        spec: {
          rules: [
            {
              description: 'reports-api through egress gateway egw-reports',
              destination: { cidr: '10.50.3.20/32' },
              gateway: { selector: "egressc.io/egress-gateway == 'egw-reports'", namespaceSelector: "projectcalico.org/name == 'egress-reports'" },
            },
            {
              description: 'reports-api through egress gateway egw-reports',
              destination: { cidr: '10.50.3.21/32' },
              gateway: { selector: "egressc.io/egress-gateway == 'egw-reports'", namespaceSelector: "projectcalico.org/name == 'egress-reports'" },
            },
            { description: 'all other destinations: normal routing', destination: { cidr: '0.0.0.0/0' } },
          ],
        },
      },
    ]);
    const namespaces = docsOf(artifacts, 'calico/analytics/namespaces.yaml');
    expect(namespaces.map((n) => [n.metadata.name, n.metadata.annotations])).toEqual([
      ['egress-reports', undefined],
      ['etl', { 'egress.projectcalico.org/egressGatewayPolicy': 'egw-reports' }],
      ['statements', { 'egress.projectcalico.org/egressGatewayPolicy': 'egw-reports' }],
    ]);
  });

  // the checker warns about it (calico-policy-without-destinations, fixtures/invalid/)
  it('routes everything normally for a policy-selected gateway that no allow rule names', () => {
    const local = handBuiltTopology();
    local.firewall.rules = local.firewall.rules.filter((r) => r.origin.kind !== 'allow');
    const result = emitCalico(local);
    expect(docsOf(result.artifacts, 'calico/analytics/egress-gateway-policies.yaml')[0]?.spec?.rules).toEqual([
      { description: 'all other destinations: normal routing', destination: { cidr: '0.0.0.0/0' } },
    ]);
  });

  it('FelixConfiguration turns egress IP support on per namespace', () => {
    expect(docsOf(artifacts, 'calico/demo/felix-configuration.yaml')).toEqual([
      { apiVersion: 'projectcalico.org/v3', kind: 'FelixConfiguration', metadata: { name: 'default' }, spec: { egressIPSupport: 'EnabledPerNamespace' } },
    ]);
  });

  it('the Installation patch pins node address autodetection to the VPC CIDR and clears the other methods', () => {
    expect(parseStream(artifact(artifacts, 'calico/demo/installation-patch.yaml').content)).toEqual([
      {
        apiVersion: 'operator.tigera.io/v1',
        kind: 'Installation',
        metadata: { name: 'default' },
        spec: { calicoNetwork: { nodeAddressAutodetectionV4: { cidrs: ['172.31.0.0/16'], firstFound: null, kubernetes: null, interface: null, skipInterface: null, canReach: null } } },
      },
    ]);
    expect(parseStream(artifact(artifacts, 'calico/analytics/installation-patch.yaml').content)[0]).toMatchObject({
      spec: { calicoNetwork: { nodeAddressAutodetectionV4: { cidrs: ['10.30.0.0/16'] } } },
    });
  });

  it('the kustomization lists every manifest file but not the Installation patch', () => {
    const [kustomization] = parseStream(artifact(artifacts, 'calico/demo/kustomization.yaml').content);
    expect(kustomization).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: manifestArtifacts(artifacts)
        .filter((a) => a.path.startsWith('calico/demo/'))
        .map((a) => a.path.slice('calico/demo/'.length))
        .sort(),
    });
  });

  it('bird-templates: patched templates keyed by file name, upstream sha256 and patch recorded', () => {
    for (const [cluster, generation] of [
      ['demo', 'json-style'],
      ['analytics', 'go-style'],
    ] as const) {
      const upstream = clusterOf(model, cluster).multihop.templates[0]?.text ?? '';
      const patched = patchBirdTemplate(upstream);
      if (!patched.ok) throw new Error(patched.problem);
      const [configMap] = docsOf(artifacts, `calico/${cluster}/bird-templates.yaml`);
      expect(configMap?.metadata.name).toBe('bird-templates');
      expect(configMap?.metadata.namespace).toBe('tigera-operator');
      expect(configMap?.data).toEqual({ 'bird.cfg.template': patched.text });
      expect(configMap?.metadata.annotations?.['egressc.io/upstream-sha256.bird.cfg.template']).toBe(createHash('sha256').update(upstream).digest('hex'));
      expect(configMap?.metadata.annotations?.['egressc.io/patch.bird.cfg.template']).toMatch(new RegExp(`^${generation}, \\d decision\\(s\\) rewritten: `));
    }
  });

  it('adding a node changes the peers but not the ConfigMap', () => {
    const grown = handBuiltTopology();
    const demo = clusterOf(grown, 'demo');
    const template = demo.nodes[1];
    if (!template) throw new Error('node');
    demo.nodes.push({ ...structuredClone(template), name: 'worker-3', nodeName: 'worker-3' });
    const after = emitOk(grown);
    expect(artifact(after, 'calico/demo/bird-templates.yaml').content).toBe(artifact(artifacts, 'calico/demo/bird-templates.yaml').content);
    expect(artifact(after, 'calico/demo/bgp-peers.yaml').content).not.toBe(artifact(artifacts, 'calico/demo/bgp-peers.yaml').content);
  });

  it('is deterministic and independent of the nodeSelector order it is given', () => {
    const again = handBuiltTopology();
    const gateway = clusterOf(again, 'analytics').egressGateways[0];
    if (!gateway) throw new Error('gateway');
    gateway.nodeSelector.reverse();
    expect(emitOk(again)).toEqual(artifacts);
  });

  it('interfaceRoute emits no ConfigMap', () => {
    const local = handBuiltTopology();
    clusterOf(local, 'demo').multihop = { strategy: 'interfaceRoute', templates: [] };
    const paths = emitOk(local).map((a) => a.path);
    expect(paths).not.toContain('calico/demo/bird-templates.yaml');
    expect(paths).toContain('calico/analytics/bird-templates.yaml');
  });
});

// The checker refuses templates that do not patch (check/templates.ts; fixtures/invalid/calico-template-*.yaml);
// the emitter trusts it and never writes a half-patched template.
describe('templates', () => {
  it('throws rather than write a template without the anchor (an unchecked model)', () => {
    const model = handBuiltTopology();
    const demo = model.clusters[0];
    if (!demo) throw new Error('demo');
    demo.multihop.templates = [{ fileName: 'bird.cfg.template', specPath: 'templates/no-anchor.template', text: readTemplate('templates/no-anchor/bird.cfg.template') }];
    expect(() => emitCalico(model)).toThrow(/unchecked model/);
  });

  it('patches bird6.cfg.template too when supplied', () => {
    const model = handBuiltTopology();
    const demo = model.clusters[0];
    if (!demo) throw new Error('demo');
    demo.multihop.templates.push({ fileName: 'bird6.cfg.template', specPath: 't/bird6.cfg.template', text: readTemplate('seed/templates/bird.cfg.template') });
    const [configMap] = docsOf(emitOk(model), 'calico/demo/bird-templates.yaml');
    expect(Object.keys(configMap?.data ?? {})).toEqual(['bird.cfg.template', 'bird6.cfg.template']);
  });

  it('patches a template of the other generation than the version ships (the checker warns)', () => {
    const model = handBuiltTopology();
    const demo = model.clusters[0];
    if (!demo) throw new Error('demo');
    demo.calico = { edition: 'enterprise', major: 3, minor: 23, text: '3.23' };
    expect(emitCalico(model).artifacts.map((a) => a.path)).toContain('calico/demo/bird-templates.yaml');
  });
});

describe('Calico versions and editions', () => {
  // The release table's boundary (src/facts/calico-versions.ts): nextHopMode from CE 3.21 and OSS 3.30.2.
  const beforeNextHopMode: CalicoVersion[] = [
    { edition: 'enterprise', major: 3, minor: 20, text: '3.20' },
    { edition: 'opensource', major: 3, minor: 30, patch: 1, text: '3.30.1' },
    { edition: 'opensource', major: 3, minor: 30, text: '3.30' },
  ];
  const fromNextHopMode: CalicoVersion[] = [
    { edition: 'enterprise', major: 3, minor: 21, text: '3.21' },
    { edition: 'opensource', major: 3, minor: 30, patch: 2, text: '3.30.2' },
  ];

  it.each(beforeNextHopMode)('uses keepOriginalNextHop before nextHopMode existed ($edition $text)', (version) => {
    const model = handBuiltTopology();
    const demo = clusterOf(model, 'demo');
    demo.calico = version;
    demo.nextHopToTransitGateway = 'keep';
    const peers = docsOf(emitOk(model), 'calico/demo/bgp-peers.yaml');
    expect(peers.length).toBeGreaterThan(0);
    for (const peer of peers) {
      expect(peer.spec?.keepOriginalNextHop).toBe(true);
      expect(peer.spec).not.toHaveProperty('nextHopMode');
    }
  });

  it.each(fromNextHopMode)('writes nextHopMode: Keep from its first release ($edition $text)', (version) => {
    const model = handBuiltTopology();
    const demo = clusterOf(model, 'demo');
    demo.calico = version;
    demo.nextHopToTransitGateway = 'keep';
    const peers = docsOf(emitOk(model), 'calico/demo/bgp-peers.yaml');
    expect(peers.length).toBeGreaterThan(0);
    for (const peer of peers) {
      expect(peer.spec?.nextHopMode).toBe('Keep');
      expect(peer.spec).not.toHaveProperty('keepOriginalNextHop');
    }
  });

  it.each(beforeNextHopMode)('next hop self before nextHopMode existed: neither field ($edition $text; BIRD\'s eBGP default is next hop self)', (version) => {
    const model = handBuiltTopology();
    clusterOf(model, 'demo').calico = version;
    const peers = docsOf(emitOk(model), 'calico/demo/bgp-peers.yaml');
    expect(peers.length).toBeGreaterThan(0);
    for (const peer of peers) {
      expect(peer.spec).not.toHaveProperty('keepOriginalNextHop');
      expect(peer.spec).not.toHaveProperty('nextHopMode');
    }
  });

  it('next hop keep, the article\'s choice, where nextHopMode exists', () => {
    const model = handBuiltTopology();
    clusterOf(model, 'demo').nextHopToTransitGateway = 'keep';
    for (const peer of docsOf(emitOk(model), 'calico/demo/bgp-peers.yaml')) expect(peer.spec?.nextHopMode).toBe('Keep');
  });

  it('open source without gateways: peers and filter only, valid against the OSS CRDs, no template patch', () => {
    const model = handBuiltTopology();
    const demo = clusterOf(model, 'demo');
    demo.calico = { edition: 'opensource', major: 3, minor: 31, text: '3.31' };
    demo.egressGateways = [];
    const result = emitCalico(model);
    const files = result.artifacts.filter((a) => a.path.startsWith('calico/demo/')).map((a) => a.path.slice('calico/demo/'.length));
    expect(files.sort()).toEqual(['bgp-configuration.yaml', 'bgp-filter.yaml', 'bgp-peers.yaml', 'installation-patch.yaml', 'kustomization.yaml']);
    for (const a of manifestArtifacts(result.artifacts).filter((x) => x.path.startsWith('calico/demo/'))) {
      for (const doc of parseStream(a.content)) expect(opensource.validate(doc), a.path).toEqual([]);
    }
    expect(docsOf(result.artifacts, 'calico/demo/bgp-peers.yaml')[0]?.spec?.nextHopMode).toBe('Self');
    expect(docsOf(result.artifacts, 'calico/demo/bgp-filter.yaml')[0]?.spec?.exportV4).toEqual([{ action: 'Reject' }]);
  });

  it('advertiseGatewayRoutes hostingNode: pool routes learned from other nodes are rejected before the pools are accepted; valid for both editions\' CRDs', () => {
    const model = handBuiltTopology();
    const demo = clusterOf(model, 'demo');
    demo.advertiseGatewayRoutes = 'hostingNode';
    const pools = demo.egressGateways.map((g) => g.pool.cidr);
    expect(pools.length).toBeGreaterThan(0);
    const [filter] = docsOf(emitOk(model), 'calico/demo/bgp-filter.yaml');
    // first match wins: the Reject must precede the Accept of the same pool, or the learned /32s would pass
    expect(filter?.spec?.exportV4).toEqual([
      ...pools.map((cidr) => ({ action: 'Reject', cidr, matchOperator: 'In', source: 'RemotePeers' })),
      ...pools.map((cidr) => ({ action: 'Accept', cidr, matchOperator: 'In' })),
      { action: 'Reject' },
    ]);
    expect(enterprise.validate(filter)).toEqual([]);
    expect(opensource.validate(filter)).toEqual([]);
    // the default leaves the export list as before, and the other cluster is untouched
    const [plain] = docsOf(emitOk(handBuiltTopology()), 'calico/demo/bgp-filter.yaml');
    expect(plain?.spec?.exportV4).toEqual([...pools.map((cidr) => ({ action: 'Accept', cidr, matchOperator: 'In' })), { action: 'Reject' }]);
    expect(JSON.stringify(docsOf(emitOk(model), 'calico/analytics/bgp-filter.yaml'))).not.toContain('RemotePeers');
  });

  it.each([
    [{ edition: 'opensource', major: 3, minor: 26, patch: 5, text: '3.26.5' } as const, false],
    [{ edition: 'opensource', major: 3, minor: 27, text: '3.27' } as const, true],
    [{ edition: 'enterprise', major: 3, minor: 17, text: '3.17' } as const, true],
  ])('the final Reject of each rule list on %o: without a cidr only where the version allows it', (version, withoutCidr) => {
    const model = handBuiltTopology();
    const demo = clusterOf(model, 'demo');
    demo.calico = version;
    if (version.edition === 'opensource') demo.egressGateways = [];
    const [filter] = docsOf(emitOk(model), 'calico/demo/bgp-filter.yaml');
    for (const list of [filter?.spec?.exportV4, filter?.spec?.importV4] as { cidr?: string; matchOperator?: string }[][]) {
      expect(list.at(-1)).toEqual(withoutCidr ? { action: 'Reject' } : { action: 'Reject', cidr: '0.0.0.0/0', matchOperator: 'In' });
      // the v3.26 CRD lists cidr and matchOperator as required on every rule
      if (!withoutCidr) for (const rule of list) expect(rule.cidr !== undefined && rule.matchOperator !== undefined, JSON.stringify(rule)).toBe(true);
    }
  });

  it('open source 3.30 keeps the next hop with keepOriginalNextHop', () => {
    const model = handBuiltTopology();
    const demo = clusterOf(model, 'demo');
    demo.calico = { edition: 'opensource', major: 3, minor: 30, text: '3.30' };
    demo.nextHopToTransitGateway = 'keep';
    demo.egressGateways = [];
    const result = emitCalico(model);
    expect(docsOf(result.artifacts, 'calico/demo/bgp-peers.yaml')[0]?.spec?.keepOriginalNextHop).toBe(true);
  });

});

describe('YAML form', () => {
  it('writes plain YAML: no aliases, a generated-file header, sorted keys', () => {
    for (const a of emitCalico(handBuiltTopology()).artifacts) {
      expect(a.content, a.path).not.toMatch(/(^|\s)[&*][a-z]+\d+\b/m);
      expect(a.content.startsWith('# Generated by egressc.'), a.path).toBe(true);
    }
    const peers = artifact(emitCalico(handBuiltTopology()).artifacts, 'calico/demo/bgp-peers.yaml').content;
    expect(peers).toContain('spec:\n  asNumber: 64512\n  filters:\n    - tgw-central\n  nextHopMode: Self\n  node: ip-172-31-10-10.eu-west-1.compute.internal\n  peerIP: 169.254.8.10\n  sourceAddress: None\n');
  });
});
