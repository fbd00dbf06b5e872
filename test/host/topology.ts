// A hand-built resolved model for the host tests (until the allocator lands, and afterwards for cases
// the fixtures do not cover): two clusters, one per multihop strategy, jumbo and standard ENI MTUs.
import type { Cluster, PeeringNode, Topology } from '../../src/model/types.js';

function node(
  name: string,
  vpcIp: string,
  az: string,
  eniMtu: number,
  insideNetwork: string,
  tgwGreAddress: string,
  attachment: string,
): PeeringNode {
  const [a, b, c, d] = insideNetwork.split('.').map(Number) as [number, number, number, number];
  const at = (offset: number): string => `${a}.${b}.${c}.${d + offset}`;
  return {
    name,
    nodeName: `ip-${vpcIp.replaceAll('.', '-')}.eu-west-1.compute.internal`,
    vpcIp,
    availabilityZone: az,
    eniMtu,
    connectPeer: {
      insideCidr: `${insideNetwork}/29`,
      nodeBgpAddress: at(1),
      tgwBgpAddresses: [at(2), at(3)],
      tgwGreAddress,
      peerAddress: vpcIp,
      attachment,
    },
    tunnel: { interfaceName: `tgw-${name}`.slice(0, 15), mode: 'gre', local: vpcIp, remote: tgwGreAddress, ttl: 255, mtu: Math.min(eniMtu - 44, 8456) },
  };
}

function cluster(name: string, vpc: string, strategy: 'templatePatch' | 'interfaceRoute', nodes: PeeringNode[]): Cluster {
  return {
    name,
    vpc,
    calico: { edition: 'enterprise', major: 3, minor: 22, text: '3.22' },
    asNumber: 64600,
    nodeToNodeMesh: true,
    encapsulation: 'VXLAN',
    importFromTransitGateway: [],
    multihop: { strategy, templates: [] },
    nodes,
    egressGateways: [],
    connectAttachments: [{ name: `${name}-connect-1`, cluster: name, number: 1, peers: nodes.map((n) => n.name).sort() }],
  };
}

export function hostTestTopology(): Topology {
  return {
    name: 'hosttest',
    aws: { region: 'eu-west-1', availabilityZones: ['eu-west-1a', 'eu-west-1b'] },
    transitGateway: {
      name: 'central',
      amazonSideAsn: 64512,
      cidrBlocks: ['192.0.2.0/24'],
      insideCidrPool: '169.254.8.0/21',
      routeTables: { inspection: 'inspection-rt', firewall: 'firewall-rt' },
    },
    vpcs: [],
    clusters: [
      cluster('demo', 'cluster', 'templatePatch', [
        node('worker-1', '172.31.10.10', 'eu-west-1a', 9001, '169.254.8.8', '192.0.2.1', 'demo-connect-1'),
        node('worker-2', '172.31.20.10', 'eu-west-1b', 1500, '169.254.8.16', '192.0.2.2', 'demo-connect-1'),
      ]),
      cluster('edge', 'edge', 'interfaceRoute', [
        node('worker-1', '10.20.1.10', 'eu-west-1a', 9001, '169.254.9.0', '192.0.2.3', 'edge-connect-1'),
      ]),
    ],
    services: [],
    firewall: {
      name: 'central-inspection',
      vpc: 'inspection',
      ruleGroup: { name: 'egress-gateways', capacity: 100 },
      ruleOrder: 'STRICT_ORDER',
      defaultAction: 'pass',
      homeNet: [],
      rules: [],
      protectedServices: [],
      logging: {},
    },
  };
}
