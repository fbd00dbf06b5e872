// Hand-built resolved models for the Terraform tests, independent of the allocator: the seed setup
// (one cluster, ids left open → variables) and a two-cluster variant (ids given, two Connect
// attachments, logging). Values follow the model's invariants (N+1 / N+2,N+3 of each /29, GRE MTU).
import type { Cluster, ConnectPeer, PeeringNode, Topology } from '../../src/model/types.js';

function peer(insideBase: string, tgwGreAddress: string, peerAddress: string, attachment: string): ConnectPeer {
  const [a, b, c, d] = insideBase.split('.').map(Number) as [number, number, number, number];
  const at = (offset: number): string => `${a}.${b}.${c}.${d + offset}`;
  return { insideCidr: `${insideBase}/29`, nodeBgpAddress: at(1), tgwBgpAddresses: [at(2), at(3)], tgwGreAddress, peerAddress, attachment };
}

function node(name: string, vpcIp: string, availabilityZone: string, connectPeer: ConnectPeer, eniMtu = 1500): PeeringNode {
  return {
    name,
    nodeName: name,
    vpcIp,
    availabilityZone,
    eniMtu,
    connectPeer,
    tunnel: { interfaceName: `gre-${name}`.slice(0, 15), mode: 'gre', local: vpcIp, remote: connectPeer.tgwGreAddress, ttl: 255, mtu: Math.min(eniMtu - 44, 8456) },
  };
}

const calico = { edition: 'enterprise' as const, major: 3, minor: 22, text: '3.22' };

export function seedTopology(): Topology {
  const cluster: Cluster = {
    name: 'demo',
    vpc: 'cluster',
    calico,
    asNumber: 64600,
    nodeToNodeMesh: true,
    encapsulation: 'VXLAN',
    podCidr: '192.168.0.0/16',
    importFromTransitGateway: [],
    multihop: { strategy: 'interfaceRoute', templates: [] },
    nodes: [
      node('worker-1', '172.31.10.10', 'eu-west-1a', peer('169.254.8.8', '192.0.2.1', '172.31.10.10', 'demo-connect-1')),
      node('worker-2', '172.31.20.10', 'eu-west-1b', peer('169.254.6.0', '192.0.2.2', '172.31.20.10', 'demo-connect-1')),
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
  return {
    name: 'seed',
    aws: { region: 'eu-west-1', availabilityZones: ['eu-west-1a', 'eu-west-1b'] },
    transitGateway: {
      name: 'central',
      amazonSideAsn: 64512,
      cidrBlocks: ['192.0.2.0/24'],
      insideCidrPool: '169.254.0.0/16',
      routeTables: { inspection: 'inspection-rt', firewall: 'firewall-rt' },
    },
    vpcs: [
      {
        name: 'cluster',
        role: 'cluster',
        cidr: '172.31.0.0/16',
        attachmentSubnets: [{ availabilityZone: 'eu-west-1a' }, { availabilityZone: 'eu-west-1b' }],
        routeTables: [{ name: 'nodes' }],
        routesViaTransitGateway: ['10.0.0.0/16'],
      },
      {
        name: 'service',
        role: 'destination',
        cidr: '10.0.0.0/16',
        attachmentSubnets: [{ availabilityZone: 'eu-west-1a' }],
        routeTables: [{ name: 'private' }],
        routesViaTransitGateway: ['0.0.0.0/0'],
      },
      {
        name: 'inspection',
        role: 'inspection',
        cidr: '10.100.0.0/16',
        zones: [
          { availabilityZone: 'eu-west-1a', transitGatewaySubnet: {}, firewallSubnet: {} },
          { availabilityZone: 'eu-west-1b', transitGatewaySubnet: {}, firewallSubnet: {} },
        ],
      },
    ],
    clusters: [cluster],
    services: [{ name: 'database', vpc: 'service', addresses: ['10.0.0.55'], ports: [{ port: 5432, protocol: 'tcp' }] }],
    firewall: {
      name: 'central-inspection',
      vpc: 'inspection',
      ruleGroup: { name: 'egress-gateways', capacity: 100 },
      ruleOrder: 'STRICT_ORDER',
      defaultAction: 'pass',
      homeNet: ['10.0.0.0/16', '10.100.0.0/16', '172.31.0.0/16', '198.51.100.0/29'],
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
          message: 'allow app-to-database: egress gateway egw-database to database tcp/5432',
          origin: { kind: 'allow', name: 'app-to-database', gateway: 'egw-database', service: 'database' },
        },
        {
          key: 'protect/database',
          sid: 1000002,
          rev: 1,
          action: 'drop',
          protocol: 'ip',
          sources: 'any',
          destinations: ['10.0.0.55/32'],
          ports: 'any',
          message: 'protect database: drop all other traffic to it',
          origin: { kind: 'protect', service: 'database' },
        },
      ],
      protectedServices: ['database'],
      logging: {},
    },
  };
}

/** Two clusters on one TGW, AWS ids given in the spec, two Connect attachments, logging on. */
export function twoClusterTopology(): Topology {
  const payments: Cluster = {
    name: 'payments',
    vpc: 'payments',
    calico,
    asNumber: 65010,
    nodeToNodeMesh: false,
    encapsulation: 'IPIP',
    importFromTransitGateway: ['10.40.0.0/16'],
    multihop: { strategy: 'interfaceRoute', templates: [] },
    nodes: [
      node('pay-a1', '10.20.1.11', 'us-east-1a', peer('169.254.100.0', '192.0.2.1', '10.20.1.11', 'payments-connect-1'), 9001),
      node('pay-a2', '10.20.1.12', 'us-east-1a', peer('169.254.100.8', '192.0.2.2', '10.20.1.12', 'payments-connect-1'), 9001),
      node('pay-b1', '10.20.2.11', 'us-east-1b', peer('169.254.100.16', '192.0.2.3', '10.20.2.11', 'payments-connect-2'), 9001),
    ],
    egressGateways: [],
    connectAttachments: [
      { name: 'payments-connect-1', cluster: 'payments', number: 1, peers: ['pay-a1', 'pay-a2'] },
      { name: 'payments-connect-2', cluster: 'payments', number: 2, peers: ['pay-b1'] },
    ],
  };
  const analytics: Cluster = {
    ...payments,
    name: 'analytics',
    vpc: 'analytics',
    asNumber: 65020,
    nodes: [node('ana-1', '10.30.1.21', 'us-east-1a', peer('169.254.101.0', '203.0.113.10', '10.30.1.21', 'analytics-connect-1'))],
    connectAttachments: [{ name: 'analytics-connect-1', cluster: 'analytics', number: 1, peers: ['ana-1'] }],
  };
  const seed = seedTopology();
  return {
    ...seed,
    name: 'multi',
    aws: { region: 'us-east-1', availabilityZones: ['us-east-1a', 'us-east-1b'] },
    transitGateway: { ...seed.transitGateway, name: 'hub', amazonSideAsn: 4200000001, cidrBlocks: ['192.0.2.0/24', '203.0.113.0/24'] },
    vpcs: [
      {
        name: 'payments',
        role: 'cluster',
        cidr: '10.20.0.0/16',
        vpcId: 'vpc-0a1b2c3d4e5f60718',
        attachmentSubnets: [
          { availabilityZone: 'us-east-1a', subnetId: 'subnet-0a1b2c3d4e5f60711' },
          { availabilityZone: 'us-east-1b', subnetId: 'subnet-0a1b2c3d4e5f60712' },
        ],
        routeTables: [{ name: 'private-a', routeTableId: 'rtb-0a1b2c3d4e5f60721' }],
        nodeSecurityGroupId: 'sg-0a1b2c3d4e5f60731',
        routesViaTransitGateway: ['10.40.0.0/16', '192.0.2.0/24'],
      },
      { name: 'analytics', role: 'cluster', cidr: '10.30.0.0/16', attachmentSubnets: [{ availabilityZone: 'us-east-1a' }], routeTables: [{ name: 'private' }], routesViaTransitGateway: [] },
      { name: 'ledger', role: 'destination', cidr: '10.40.0.0/16', attachmentSubnets: [{ availabilityZone: 'us-east-1a' }], routeTables: [{ name: 'private' }], routesViaTransitGateway: ['0.0.0.0/0'] },
      {
        name: 'inspection',
        role: 'inspection',
        cidr: '100.64.0.0/16',
        vpcId: 'vpc-0f1e2d3c4b5a69788',
        zones: [
          {
            availabilityZone: 'us-east-1a',
            transitGatewaySubnet: { subnetId: 'subnet-0f1e2d3c4b5a69781', routeTableId: 'rtb-0f1e2d3c4b5a69791' },
            firewallSubnet: { subnetId: 'subnet-0f1e2d3c4b5a69782', routeTableId: 'rtb-0f1e2d3c4b5a69792' },
          },
          {
            availabilityZone: 'us-east-1b',
            transitGatewaySubnet: { subnetId: 'subnet-0f1e2d3c4b5a69783', routeTableId: 'rtb-0f1e2d3c4b5a69793' },
            firewallSubnet: { subnetId: 'subnet-0f1e2d3c4b5a69784', routeTableId: 'rtb-0f1e2d3c4b5a69794' },
          },
        ],
      },
    ],
    clusters: [payments, analytics],
    firewall: {
      ...seed.firewall,
      name: 'hub-inspection',
      defaultAction: 'drop',
      logging: {
        alert: { type: 'cloudwatch', logGroup: '/aws/network-firewall/hub/alert' },
        flow: { type: 's3', bucket: 'hub-firewall-flow-logs', prefix: 'flow' },
      },
    },
  };
}
