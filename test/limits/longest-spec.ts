// The longest and strangest LEGAL spec: every name at its longest legal length, many nodes, and odd but
// legal characters wherever the spec takes free text (label keys and values, Kubernetes object names,
// logging destinations). Built as data and serialized, so each limit is visible as a number here.
import { stringify } from 'yaml';
import type { SpecInput } from '../../src/spec/schema.js';

/** A DNS-1123 label of exactly `length` characters: `stem`, then filler, ending with a digit. */
export function label(stem: string, length = 63): string {
  const filler = 'abcdefghijklmnopqrstuvwxyz0123456789-'.repeat(4);
  const body = `${stem}-${filler}`.slice(0, length - 1);
  return `${body.replace(/-+$/, (dashes) => 'x'.repeat(dashes.length))}9`;
}

/** A DNS-1123 subdomain of exactly 253 characters: labels of 63 joined by dots. */
export function subdomain(stem: string): string {
  const parts = [label(`${stem}-a`), label(`${stem}-b`), label(`${stem}-c`), label(`${stem}-d`, 61)];
  return parts.join('.');
}

const ZONES = ['ap-southeast-2a', 'ap-southeast-2b', 'ap-southeast-2c'] as const;
export const NODES_PER_BIG_CLUSTER = 16;

/** Legal but odd label key: a 253-character prefix, "/", 63 characters of the whole legal alphabet. */
export const ODD_LABEL_KEY = `${subdomain('node-role.example')}/${'Egress_Gateway.Zone-v2'.padEnd(62, 'Z')}9`;
export const ODD_LABEL_VALUE = `A${'b-c_d.E'.repeat(9)}`.slice(0, 62) + '9';

/** `hostNetwork` sets every cluster's node network configuration (each is written only for its own clusters). */
export function longestSpec(hostNetwork: HostNetwork = 'netplan'): SpecInput {
  const name = label('t');
  const tgw = label('tgw');
  const clusterVpc = label('vpc-cluster');
  const smallVpc = label('vpc-small');
  const destination = label('vpc-destination');
  const inspection = label('vpc-inspection');
  const big = label('cluster-big');
  const small = label('cluster-small');
  const gateway = (n: number) => label(`egw-${n}`);
  const service = (n: number) => label(`svc-${n}`);
  return {
    apiVersion: 'egressc/v1alpha1',
    kind: 'EgressTopology',
    metadata: {
      name,
      // control characters (line breaks, tabs) are refused in every string; everything else is fair game
      description: 'Quotes " \' `, braces {{ }} ${x} %s \\ | <b>&amp;</b> # not a comment; ünïcödé ✓ — 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 beyond the BMP',
    },
    spec: {
      aws: { region: 'ap-southeast-2', availabilityZones: [...ZONES] },
      transitGateway: {
        name: tgw,
        amazonSideAsn: 65534,
        cidrBlocks: ['192.0.2.0/24'],
        insideCidrPool: '169.254.0.0/16',
        routeTables: { inspection: label('rt-inspection'), firewall: label('rt-firewall') },
      },
      vpcs: [
        {
          name: clusterVpc,
          role: 'cluster',
          cidr: '10.20.0.0/16',
          attachmentSubnets: ZONES.map((availabilityZone) => ({ availabilityZone })),
          routeTables: ZONES.map((_, z) => ({ name: label(`rt-nodes-${z}`) })),
          routesViaTransitGateway: [destination],
        },
        {
          name: smallVpc,
          role: 'cluster',
          cidr: '10.30.0.0/28',
          attachmentSubnets: [{ availabilityZone: ZONES[0] }],
          routeTables: [{ name: label('rt-small') }],
          routesViaTransitGateway: ['10.40.0.0/16'],
        },
        {
          name: destination,
          role: 'destination',
          cidr: '10.40.0.0/16',
          attachmentSubnets: ZONES.map((availabilityZone) => ({ availabilityZone })),
          routeTables: [{ name: label('rt-private') }],
          routesViaTransitGateway: ['0.0.0.0/0'],
        },
        {
          name: inspection,
          role: 'inspection',
          cidr: '100.64.0.0/16',
          zones: ZONES.map((availabilityZone) => ({ availabilityZone, transitGatewaySubnet: {}, firewallSubnet: {} })),
        },
      ],
      clusters: [
        {
          name: big,
          vpc: clusterVpc,
          calico: { edition: 'enterprise', version: '3.22.2' },
          asNumber: 65000,
          hostNetwork,
          encapsulation: 'IPIP',
          podCidr: '10.244.0.0/16',
          importFromTransitGateway: ['10.40.0.0/16', '0.0.0.0/0'],
          multihop: { strategy: 'templatePatch', birdTemplate: '../seed/templates/bird.cfg.template' },
          peeringNodes: Array.from({ length: NODES_PER_BIG_CLUSTER }, (_, n) => ({
            name: label(`node-${String(n).padStart(2, '0')}`),
            nodeName: subdomain(`ip-10-20-${n}`),
            vpcIp: `10.20.${n % 3}.${10 + n}`,
            availabilityZone: ZONES[n % 3]!,
            eniMtu: n % 2 === 0 ? 9001 : 576,
          })),
          egressGateways: [
            {
              name: gateway(1),
              namespace: label('ns-egress-1'),
              replicas: 100,
              ipPool: { name: label('pool-1'), cidr: '198.51.100.0/28' },
              nodeSelector: { [ODD_LABEL_KEY]: ODD_LABEL_VALUE, 'example.com/empty': '', Z: '0' },
              clients: {
                namespaces: [label('ns-client-1'), label('ns-client-2')],
                workloads: [
                  { namespace: label('ns-batch'), kind: 'Deployment', name: subdomain('deploy') },
                  { namespace: label('ns-batch'), kind: 'StatefulSet', name: label('sts') },
                  { namespace: label('ns-batch'), kind: 'DaemonSet', name: 'a.b-c.d' },
                ],
                selection: 'policy',
              },
            },
            {
              name: gateway(2),
              namespace: label('ns-egress-2'),
              ipPool: { cidr: '198.51.100.16/28' },
              clients: { namespaces: [label('ns-client-3')], selection: 'annotation' },
            },
          ],
        },
        {
          name: small,
          vpc: smallVpc,
          calico: { edition: 'enterprise', version: '3.23' },
          asNumber: 65001,
          hostNetwork,
          encapsulation: 'None',
          multihop: { strategy: 'interfaceRoute' },
          peeringNodes: [
            { name: 'a', vpcIp: '10.30.0.4', availabilityZone: ZONES[0] },
            { name: '0', vpcIp: '10.30.0.14', availabilityZone: ZONES[0] },
          ],
          egressGateways: [{ name: gateway(3), namespace: 'x', ipPool: { cidr: '203.0.113.0/24' }, clients: { namespaces: ['y'] } }],
        },
      ],
      services: [
        { name: service(1), vpc: destination, addresses: ['10.40.0.4', '10.40.255.254', '10.40.1.10'], ports: [{ port: 1, protocol: 'udp' }, { port: 65535 }] },
        { name: service(2), vpc: destination, addresses: ['10.40.2.20'], ports: [{ port: 443 }] },
      ],
      firewall: {
        name: label('fw'),
        vpc: inspection,
        // the rule group's AWS name <metadata>-<group>-c<capacity> at AWS's 128: 63 + 1 + 57 + 7
        ruleGroup: { name: label('rg', 57), capacity: 30000 },
        defaultAction: 'drop',
        allow: [
          { name: label('allow-1'), from: [gateway(1), gateway(3)], to: [service(1), service(2)] },
          { name: label('allow-2'), from: [gateway(2)], to: [service(1)], ports: [{ port: 65535 }] },
        ],
        protect: [service(1), service(2)],
        logging: {
          alert: { type: 's3', bucket: `${label('logs', 40)}.example.${'com-'.repeat(3)}x9`.slice(0, 63), prefix: 'alerts/${x}/%{y}/' },
          flow: { type: 'cloudwatch', logGroup: `/egressc/${'Flow_Logs.v2#-/'.repeat(40)}`.slice(0, 512) },
        },
      },
    },
  };
}

export type HostNetwork = 'netplan' | 'network-scripts' | 'networkmanager';

export const longestSpecText = (hostNetwork: HostNetwork = 'netplan'): string =>
  `# the longest legal spec (test/limits/longest-spec.ts)\n${stringify(longestSpec(hostNetwork), { lineWidth: 0 })}`;
