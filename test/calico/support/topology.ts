// A hand-built resolved model for the Calico unit tests, independent of the allocator: the seed
// article's cluster (JSON-style template) plus a second, Go-style Enterprise cluster with a
// policy-selected gateway living in another namespace than its clients.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Cluster, ConnectPeer, PeeringNode, Topology } from '../../../src/model/types.js';
import { FIXTURES } from '../../support/fixtures.js';

export const readTemplate = (relative: string): string => readFileSync(join(FIXTURES, relative), 'utf8');

export const JSON_STYLE_TEMPLATE = 'seed/templates/bird.cfg.template';
export const GO_STYLE_TEMPLATE = 'templates/go-style/bird.cfg.template';

function connectPeer(base: string, vpcIp: string, attachment: string, tgwGreAddress: string): ConnectPeer {
  const [a, b, c, d] = base.split('.').map(Number) as [number, number, number, number];
  const at = (offset: number): string => `${a}.${b}.${c}.${d + offset}`;
  return { insideCidr: `${base}/29`, nodeBgpAddress: at(1), tgwBgpAddresses: [at(2), at(3)], tgwGreAddress, peerAddress: vpcIp, attachment };
}

function node(name: string, nodeName: string, vpcIp: string, az: string, inside: string, attachment: string, gre: string): PeeringNode {
  const peer = connectPeer(inside, vpcIp, attachment, gre);
  return {
    name,
    nodeName,
    vpcIp,
    availabilityZone: az,
    eniMtu: 1500,
    connectPeer: peer,
    tunnel: { interfaceName: `gre-${name}`.slice(0, 15), mode: 'gre', local: vpcIp, remote: gre, ttl: 255, mtu: 1456 },
  };
}

const demo: Cluster = {
  name: 'demo',
  vpc: 'cluster',
  calico: { edition: 'enterprise', major: 3, minor: 22, text: '3.22' },
  asNumber: 64600,
  nodeToNodeMesh: true,
  encapsulation: 'VXLAN',
  podCidr: '192.168.0.0/16',
  importFromTransitGateway: [],
  multihop: { strategy: 'templatePatch', templates: [{ fileName: 'bird.cfg.template', specPath: 'templates/bird.cfg.template', text: readTemplate(JSON_STYLE_TEMPLATE) }] },
  nodes: [
    node('worker-1', 'ip-172-31-10-10.eu-west-1.compute.internal', '172.31.10.10', 'eu-west-1a', '169.254.8.8', 'demo-connect-1', '192.0.2.1'),
    node('worker-2', 'ip-172-31-20-10.eu-west-1.compute.internal', '172.31.20.10', 'eu-west-1b', '169.254.8.16', 'demo-connect-1', '192.0.2.2'),
  ],
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
};

const analytics: Cluster = {
  name: 'analytics',
  vpc: 'analytics',
  calico: { edition: 'enterprise', major: 3, minor: 23, text: '3.23' },
  asNumber: 65020,
  nodeToNodeMesh: false,
  encapsulation: 'IPIP',
  importFromTransitGateway: ['10.40.0.0/16', '10.50.0.0/16'],
  multihop: { strategy: 'templatePatch', templates: [{ fileName: 'bird.cfg.template', specPath: 'go/bird.cfg.template', text: readTemplate(GO_STYLE_TEMPLATE) }] },
  nodes: [node('ana-1', 'ana-1', '10.30.1.21', 'eu-west-1a', '169.254.9.0', 'analytics-connect-1', '192.0.2.3')],
  egressGateways: [
    {
      name: 'egw-reports',
      cluster: 'analytics',
      namespace: 'egress-reports',
      replicas: 2,
      pool: { name: 'reports-egress', cidr: '198.51.100.16/28' },
      nodeSelector: [['egress.example.com/gateway', 'true'], ['topology.kubernetes.io/zone', 'eu-west-1a']],
      clients: { namespaces: ['statements', 'etl'], selection: 'policy' },
    },
  ],
  connectAttachments: [{ name: 'analytics-connect-1', cluster: 'analytics', number: 1, peers: ['ana-1'] }],
};

export function handBuiltTopology(): Topology {
  return structuredClone({
    name: 'hand-built',
    aws: { region: 'eu-west-1', availabilityZones: ['eu-west-1a', 'eu-west-1b'] },
    transitGateway: {
      name: 'central',
      amazonSideAsn: 64512,
      cidrBlocks: ['192.0.2.0/24'],
      insideCidrPool: '169.254.0.0/16',
      routeTables: { inspection: 'inspection-rt', firewall: 'firewall-rt' },
    },
    vpcs: [
      { role: 'cluster', name: 'cluster', cidr: '172.31.0.0/16', attachmentSubnets: [], routeTables: [], routesViaTransitGateway: ['10.0.0.0/16'] },
      { role: 'cluster', name: 'analytics', cidr: '10.30.0.0/16', attachmentSubnets: [], routeTables: [], routesViaTransitGateway: [] },
    ],
    clusters: [demo, analytics],
    services: [
      { name: 'database', vpc: 'service', addresses: ['10.0.0.55'], ports: [{ port: 5432, protocol: 'tcp' }] },
      { name: 'reports-api', vpc: 'reporting', addresses: ['10.50.3.20', '10.50.3.21'], ports: [{ port: 443, protocol: 'tcp' }] },
    ],
    firewall: {
      name: 'central-inspection',
      vpc: 'inspection',
      ruleGroup: { name: 'egress-gateways', capacity: 100 },
      ruleOrder: 'STRICT_ORDER',
      defaultAction: 'pass',
      homeNet: [],
      rules: [
        {
          key: 'allow/app-to-database/egw-database/database/tcp',
          sid: 1000001,
          rev: 1,
          action: 'pass',
          protocol: 'tcp',
          sources: ['198.51.100.0/29'],
          destinations: ['10.0.0.55/32'],
          ports: [5432],
          message: 'app-to-database',
          origin: { kind: 'allow', name: 'app-to-database', gateway: 'egw-database', service: 'database' },
        },
        {
          key: 'allow/reports/egw-reports/reports-api/tcp',
          sid: 1000002,
          rev: 1,
          action: 'pass',
          protocol: 'tcp',
          sources: ['198.51.100.16/28'],
          destinations: ['10.50.3.21/32', '10.50.3.20/32'],
          ports: [443],
          message: 'reports',
          origin: { kind: 'allow', name: 'reports', gateway: 'egw-reports', service: 'reports-api' },
        },
        {
          key: 'protect/reports-api',
          sid: 1000003,
          rev: 1,
          action: 'drop',
          protocol: 'ip',
          sources: 'any',
          destinations: ['10.50.3.20/32', '10.50.3.21/32'],
          ports: 'any',
          message: 'protect reports-api',
          origin: { kind: 'protect', service: 'reports-api' },
        },
      ],
      protectedServices: ['reports-api'],
      logging: {},
    },
  } satisfies Topology);
}
