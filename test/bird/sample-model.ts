// A hand-built resolved model (seed-like: one cluster, two nodes, one egress pool) so the BIRD emitter
// can be tested independently of the allocator. Fixture-driven tests use compileFixture instead.
import type { Cluster, PeeringNode, Topology } from '../../src/model/types.js';

export function sampleNode(name: string, index: number, options: { insideCidrBase?: number } = {}): PeeringNode {
  const base = options.insideCidrBase ?? 8 + 8 * index;
  const vpcIp = `172.31.${10 * (index + 1)}.10`;
  return {
    name,
    nodeName: `ip-172-31-${10 * (index + 1)}-10.eu-west-1.compute.internal`,
    vpcIp,
    availabilityZone: index % 2 === 0 ? 'eu-west-1a' : 'eu-west-1b',
    eniMtu: 1500,
    connectPeer: {
      insideCidr: `169.254.8.${base}/29`,
      nodeBgpAddress: `169.254.8.${base + 1}`,
      tgwBgpAddresses: [`169.254.8.${base + 2}`, `169.254.8.${base + 3}`],
      tgwGreAddress: `192.0.2.${index + 1}`,
      peerAddress: vpcIp,
      attachment: 'demo-connect-1',
    },
    tunnel: { interfaceName: `tgw${index}`, mode: 'gre', local: vpcIp, remote: `192.0.2.${index + 1}`, ttl: 255, mtu: 1456 },
  };
}

export function sampleCluster(overrides: Partial<Cluster> = {}): Cluster {
  return {
    name: 'demo',
    vpc: 'cluster',
    calico: { edition: 'enterprise', major: 3, minor: 22, text: '3.22' },
    asNumber: 64600,
    nodeToNodeMesh: true,
    encapsulation: 'VXLAN',
    podCidr: '192.168.0.0/16',
    importFromTransitGateway: [],
    multihop: { strategy: 'templatePatch', templates: [] },
    nodes: [sampleNode('worker-1', 0), sampleNode('worker-2', 1)],
    egressGateways: [
      {
        name: 'egw-database',
        cluster: 'demo',
        namespace: 'egress',
        replicas: 1,
        pool: { name: 'egw-database', cidr: '198.51.100.0/29' },
        nodeSelector: [],
        clients: { namespaces: ['app'], selection: 'annotation' },
      },
    ],
    connectAttachments: [{ name: 'demo-connect-1', cluster: 'demo', number: 1, peers: ['worker-1', 'worker-2'] }],
    ...overrides,
  };
}

export function sampleModel(clusters: Cluster[] = [sampleCluster()]): Topology {
  return {
    name: 'sample',
    aws: { region: 'eu-west-1', availabilityZones: ['eu-west-1a', 'eu-west-1b'] },
    transitGateway: { name: 'central', amazonSideAsn: 64512, cidrBlocks: ['192.0.2.0/24'], insideCidrPool: '169.254.0.0/16', routeTables: { inspection: 'inspection-rt', firewall: 'firewall-rt' } },
    vpcs: [],
    clusters,
    services: [],
    firewall: { name: 'fw', vpc: 'inspection', ruleGroup: { name: 'rg', capacity: 100 }, ruleOrder: 'STRICT_ORDER', defaultAction: 'pass', homeNet: [], rules: [], protectedServices: [], logging: {} },
  };
}
