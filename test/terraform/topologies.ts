// Hand-built resolved models for the Terraform tests, independent of the allocator: the seed setup
// (one cluster, ids left open → variables) and a two-cluster variant (ids given, two Connect
// attachments, logging). The shared builders keep the model's invariants (N+1 / N+2,N+3 of each /29, GRE MTU).
import type { Cluster, Topology } from '../../src/model/types.js';
import {
  allowRule,
  cluster,
  connectAttachment,
  firewall,
  peeringNode,
  protectRule,
  seedDatabaseGateway,
  seedDatabaseService,
  topology,
} from '../support/model-builder.js';

export function seedTopology(): Topology {
  const demo = cluster({
    name: 'demo',
    vpc: 'cluster',
    podCidr: '192.168.0.0/16',
    strategy: 'interfaceRoute',
    nodes: [
      peeringNode({ name: 'worker-1', vpcIp: '172.31.10.10', availabilityZone: 'eu-west-1a', inside: '169.254.8.8', tgwGreAddress: '192.0.2.1', attachment: 'demo-connect-1' }),
      peeringNode({ name: 'worker-2', vpcIp: '172.31.20.10', availabilityZone: 'eu-west-1b', inside: '169.254.6.0', tgwGreAddress: '192.0.2.2', attachment: 'demo-connect-1' }),
    ],
    egressGateways: [seedDatabaseGateway()],
  });
  return topology({
    name: 'seed',
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
    clusters: [demo],
    services: [seedDatabaseService()],
    firewall: firewall({
      homeNet: ['10.0.0.0/16', '10.100.0.0/16', '172.31.0.0/16', '198.51.100.0/29'],
      rules: [
        allowRule({
          sid: 1000001,
          name: 'app-to-database',
          gateway: 'egw-database',
          service: 'database',
          protocol: 'tcp',
          sources: ['198.51.100.0/29'],
          destinations: ['10.0.0.55/32'],
          ports: [5432],
          message: 'allow app-to-database: egress gateway egw-database to database tcp/5432',
        }),
        protectRule({ sid: 1000002, service: 'database', destinations: ['10.0.0.55/32'], message: 'protect database: drop all other traffic to it' }),
      ],
      protectedServices: ['database'],
    }),
  });
}

/** Two clusters on one TGW, AWS ids given in the spec, two Connect attachments, logging on. */
export function twoClusterTopology(): Topology {
  const payments: Cluster = cluster({
    name: 'payments',
    vpc: 'payments',
    asNumber: 65010,
    nodeToNodeMesh: false,
    encapsulation: 'IPIP',
    importFromTransitGateway: ['10.40.0.0/16'],
    strategy: 'interfaceRoute',
    nodes: [
      peeringNode({ name: 'pay-a1', vpcIp: '10.20.1.11', availabilityZone: 'us-east-1a', inside: '169.254.100.0', tgwGreAddress: '192.0.2.1', attachment: 'payments-connect-1', eniMtu: 9001 }),
      peeringNode({ name: 'pay-a2', vpcIp: '10.20.1.12', availabilityZone: 'us-east-1a', inside: '169.254.100.8', tgwGreAddress: '192.0.2.2', attachment: 'payments-connect-1', eniMtu: 9001 }),
      peeringNode({ name: 'pay-b1', vpcIp: '10.20.2.11', availabilityZone: 'us-east-1b', inside: '169.254.100.16', tgwGreAddress: '192.0.2.3', attachment: 'payments-connect-2', eniMtu: 9001 }),
    ],
    connectAttachments: [connectAttachment('payments', 1, ['pay-a1', 'pay-a2']), connectAttachment('payments', 2, ['pay-b1'])],
  });
  const analytics: Cluster = {
    ...payments,
    name: 'analytics',
    vpc: 'analytics',
    asNumber: 65020,
    nodes: [peeringNode({ name: 'ana-1', vpcIp: '10.30.1.21', availabilityZone: 'us-east-1a', inside: '169.254.101.0', tgwGreAddress: '203.0.113.10', attachment: 'analytics-connect-1' })],
    connectAttachments: [connectAttachment('analytics', 1, ['ana-1'])],
  };
  const seed = seedTopology();
  return {
    ...seed,
    name: 'multi',
    aws: { region: 'us-east-1', availabilityZones: ['us-east-1a', 'us-east-1b'] },
    // a 2-byte private ASN other than the seed's: one the checker accepts without asn-exceeds-crd-int32 (design.test.ts)
    transitGateway: { ...seed.transitGateway, name: 'hub', amazonSideAsn: 64513, cidrBlocks: ['192.0.2.0/24', '203.0.113.0/24'] },
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
