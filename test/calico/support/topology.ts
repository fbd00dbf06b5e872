// A hand-built resolved model for the Calico unit tests, independent of the allocator: the seed
// article's cluster (JSON-style template) plus a second, Go-style Enterprise cluster with a
// policy-selected gateway living in another namespace than its clients.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Cluster, Topology } from '../../../src/model/types.js';
import { FIXTURES } from '../../support/fixtures.js';
import {
  allowRule,
  cluster,
  ec2NodeName,
  egressGateway,
  firewall,
  peeringNode,
  protectRule,
  seedDatabaseGateway,
  seedDatabaseService,
  service,
  topology,
} from '../../support/model-builder.js';

export const readTemplate = (relative: string): string => readFileSync(join(FIXTURES, relative), 'utf8');

export const JSON_STYLE_TEMPLATE = 'seed/templates/bird.cfg.template';
export const GO_STYLE_TEMPLATE = 'templates/go-style/bird.cfg.template';

const demo = (): Cluster =>
  cluster({
    name: 'demo',
    vpc: 'cluster',
    podCidr: '192.168.0.0/16',
    strategy: 'templatePatch',
    templates: [{ fileName: 'bird.cfg.template', specPath: 'templates/bird.cfg.template', text: readTemplate(JSON_STYLE_TEMPLATE) }],
    nodes: [
      peeringNode({ name: 'worker-1', nodeName: ec2NodeName('172.31.10.10'), vpcIp: '172.31.10.10', availabilityZone: 'eu-west-1a', inside: '169.254.8.8', attachment: 'demo-connect-1', tgwGreAddress: '192.0.2.1' }),
      peeringNode({ name: 'worker-2', nodeName: ec2NodeName('172.31.20.10'), vpcIp: '172.31.20.10', availabilityZone: 'eu-west-1b', inside: '169.254.8.16', attachment: 'demo-connect-1', tgwGreAddress: '192.0.2.2' }),
    ],
    egressGateways: [seedDatabaseGateway()],
  });

const analytics = (): Cluster =>
  cluster({
    name: 'analytics',
    vpc: 'analytics',
    calico: { edition: 'enterprise', major: 3, minor: 23, text: '3.23' },
    asNumber: 65020,
    nodeToNodeMesh: false,
    encapsulation: 'IPIP',
    importFromTransitGateway: ['10.40.0.0/16', '10.50.0.0/16'],
    strategy: 'templatePatch',
    templates: [{ fileName: 'bird.cfg.template', specPath: 'go/bird.cfg.template', text: readTemplate(GO_STYLE_TEMPLATE) }],
    nodes: [peeringNode({ name: 'ana-1', vpcIp: '10.30.1.21', availabilityZone: 'eu-west-1a', inside: '169.254.9.0', attachment: 'analytics-connect-1', tgwGreAddress: '192.0.2.3' })],
    egressGateways: [
      egressGateway({
        name: 'egw-reports',
        cluster: 'analytics',
        namespace: 'egress-reports',
        replicas: 2,
        poolName: 'reports-egress',
        poolCidr: '198.51.100.16/28',
        nodeSelector: [['egress.example.com/gateway', 'true'], ['topology.kubernetes.io/zone', 'eu-west-1a']],
        clients: { namespaces: ['statements', 'etl'], selection: 'policy' },
      }),
    ],
  });

export function handBuiltTopology(): Topology {
  return topology({
    name: 'hand-built',
    vpcs: [
      { role: 'cluster', name: 'cluster', cidr: '172.31.0.0/16', attachmentSubnets: [], routeTables: [], routesViaTransitGateway: ['10.0.0.0/16'] },
      { role: 'cluster', name: 'analytics', cidr: '10.30.0.0/16', attachmentSubnets: [], routeTables: [], routesViaTransitGateway: [] },
    ],
    clusters: [demo(), analytics()],
    services: [seedDatabaseService(), service('reports-api', 'reporting', ['10.50.3.20', '10.50.3.21'], [{ port: 443, protocol: 'tcp' }])],
    firewall: firewall({
      rules: [
        allowRule({ sid: 1000001, name: 'app-to-database', gateway: 'egw-database', service: 'database', protocol: 'tcp', sources: ['198.51.100.0/29'], destinations: ['10.0.0.55/32'], ports: [5432], message: 'app-to-database' }),
        allowRule({ sid: 1000002, name: 'reports', gateway: 'egw-reports', service: 'reports-api', protocol: 'tcp', sources: ['198.51.100.16/28'], destinations: ['10.50.3.21/32', '10.50.3.20/32'], ports: [443], message: 'reports' }),
        protectRule({ sid: 1000003, service: 'reports-api', destinations: ['10.50.3.20/32', '10.50.3.21/32'], message: 'protect reports-api' }),
      ],
      protectedServices: ['reports-api'],
    }),
  });
}
