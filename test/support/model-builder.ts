// Small builders for hand-made resolved models (`Topology`), shared by every test area that needs a model
// independent of the allocator. Defaults are the seed article's values; each builder takes overrides for
// what a test varies. Derived values follow the model's invariants, so hand-built models cannot drift from
// them: a Connect peer's BGP addresses are N+1 (node) and N+2, N+3 (TGW) of its inside /29, and a GRE
// tunnel's MTU is the ENI MTU minus 44 (GRE + IPv4 overhead), at most 8456.
import type {
  Cluster,
  ConnectAttachment,
  ConnectPeer,
  EgressGateway,
  Firewall,
  FirewallRule,
  Ipv4Address,
  Ipv4Cidr,
  MultihopStrategy,
  PeeringNode,
  Service,
  Topology,
  UpstreamTemplate,
} from '../../src/model/types.js';

/** The address `offset` above an IPv4 network address (the tests' /29s never cross an octet). */
function addressAbove(network: Ipv4Address, offset: number): Ipv4Address {
  const [a, b, c, d] = network.split('.').map(Number) as [number, number, number, number];
  return `${a}.${b}.${c}.${d + offset}`;
}

export interface ConnectPeerParts {
  /** network address of the inside /29, e.g. 169.254.8.8 */
  inside: Ipv4Address;
  tgwGreAddress: Ipv4Address;
  /** the node's VPC IP */
  peerAddress: Ipv4Address;
  attachment: string;
}

export function connectPeer({ inside, tgwGreAddress, peerAddress, attachment }: ConnectPeerParts): ConnectPeer {
  return {
    insideCidr: `${inside}/29`,
    nodeBgpAddress: addressAbove(inside, 1),
    tgwBgpAddresses: [addressAbove(inside, 2), addressAbove(inside, 3)],
    tgwGreAddress,
    peerAddress,
    attachment,
  };
}

/** The Kubernetes node name EC2 gives an instance, e.g. ip-172-31-10-10.eu-west-1.compute.internal. */
export const ec2NodeName = (vpcIp: Ipv4Address, region = 'eu-west-1'): string => `ip-${vpcIp.replaceAll('.', '-')}.${region}.compute.internal`;

export interface NodeParts extends Omit<ConnectPeerParts, 'peerAddress'> {
  name: string;
  vpcIp: Ipv4Address;
  availabilityZone: string;
  /** defaults to the spec name */
  nodeName?: string;
  eniMtu?: number;
  /** the tunnel's interface name is this prefix + the node name, cut to Linux's 15 bytes */
  interfacePrefix?: string;
  /** where the node is written in the spec; 0 unless a test looks at diagnostics' paths */
  specIndex?: number;
}

export function peeringNode({ name, vpcIp, availabilityZone, nodeName = name, eniMtu = 1500, interfacePrefix = 'gre-', specIndex = 0, ...peer }: NodeParts): PeeringNode {
  const connect = connectPeer({ ...peer, peerAddress: vpcIp });
  return {
    name,
    specIndex,
    nodeName,
    vpcIp,
    availabilityZone,
    eniMtu,
    connectPeer: connect,
    tunnel: {
      interfaceName: `${interfacePrefix}${name}`.slice(0, 15),
      mode: 'gre',
      local: vpcIp,
      remote: connect.tgwGreAddress,
      ttl: 255,
      mtu: Math.min(eniMtu - 44, 8456),
    },
  };
}

/** The seed article's Calico: Enterprise 3.22. */
export const calicoEnterprise322 = (): Cluster['calico'] => ({ edition: 'enterprise', major: 3, minor: 22, text: '3.22' });

export interface ClusterParts extends Partial<Omit<Cluster, 'name' | 'vpc' | 'nodes' | 'multihop'>> {
  name: string;
  vpc: string;
  nodes: PeeringNode[];
  strategy: MultihopStrategy;
  templates?: UpstreamTemplate[];
}

/**
 * A cluster with the seed article's settings unless overridden. Without connectAttachments, all nodes
 * ride on one attachment `<name>-connect-1` (peers sorted by name, as the model requires).
 */
export function cluster({ name, vpc, nodes, strategy, templates = [], podCidr, specIndex = 0, ...overrides }: ClusterParts): Cluster {
  return {
    name,
    specIndex,
    vpc,
    calico: calicoEnterprise322(),
    asNumber: 64600,
    nodeToNodeMesh: true,
    nextHopToTransitGateway: 'self',
    advertiseGatewayRoutes: 'allPeers',
    encapsulation: 'VXLAN',
    ...(podCidr !== undefined ? { podCidr } : {}),
    importFromTransitGateway: [],
    multihop: { strategy, templates },
    hostNetwork: 'netplan',
    nodes,
    egressGateways: [],
    connectAttachments: [connectAttachment(name, 1, nodes.map((n) => n.name).sort())],
    ...overrides,
  };
}

export const connectAttachment = (clusterName: string, number: number, peers: string[]): ConnectAttachment => ({
  name: `${clusterName}-connect-${number}`,
  cluster: clusterName,
  number,
  peers,
});

export type GatewayParts = Pick<EgressGateway, 'name' | 'cluster'> &
  Partial<Omit<EgressGateway, 'pool' | 'clients'>> & {
    clients: Omit<EgressGateway['clients'], 'workloads'> & Partial<Pick<EgressGateway['clients'], 'workloads'>>;
    poolCidr: Ipv4Cidr;
    poolName?: string;
  };

/** An egress gateway in namespace `egress`, one replica, no node selector, no single workloads, its pool named after it, unless overridden. */
export function egressGateway({ name, cluster: clusterName, clients, poolCidr, poolName = name, namespace = 'egress', replicas = 1, nodeSelector = [], placement = 'connectPeers', specIndex = 0 }: GatewayParts): EgressGateway {
  return { name, specIndex, cluster: clusterName, namespace, replicas, pool: { name: poolName, cidr: poolCidr }, nodeSelector, placement, clients: { workloads: [], ...clients } };
}

/** The seed article's gateway: egw-database, for the annotated pods of namespace app. */
export const seedDatabaseGateway = (clusterName = 'demo'): EgressGateway =>
  egressGateway({ name: 'egw-database', cluster: clusterName, poolCidr: '198.51.100.0/29', clients: { namespaces: ['app'], selection: 'annotation' } });

export function service(name: string, vpc: string, addresses: Ipv4Address[], ports: Service['ports']): Service {
  return { name, vpc, addresses, ports };
}

/** The seed article's protected service: PostgreSQL at 10.0.0.55. */
export const seedDatabaseService = (): Service => service('database', 'service', ['10.0.0.55'], [{ port: 5432, protocol: 'tcp' }]);

type RuleParts = Pick<FirewallRule, 'sid' | 'destinations' | 'message'> & Partial<Pick<FirewallRule, 'rev'>>;

/** A pass rule of an allow entry; its key is the planner's allow/<entry>/<gateway>/<service>/<protocol>. */
export function allowRule({
  name,
  gateway,
  service: serviceName,
  protocol,
  sources,
  ports,
  rev = 1,
  ...rest
}: RuleParts & { name: string; gateway: string; service: string; protocol: 'tcp' | 'udp'; sources: Ipv4Cidr[]; ports: number[] }): FirewallRule {
  return {
    key: `allow/${name}/${gateway}/${serviceName}/${protocol}`,
    sid: rest.sid,
    rev,
    action: 'pass',
    protocol,
    sources,
    destinations: rest.destinations,
    ports,
    message: rest.message,
    origin: { kind: 'allow', name, gateway, service: serviceName },
  };
}

/** The drop rule protecting a service from everything not allowed before it. */
export function protectRule({ service: serviceName, rev = 1, ...rest }: RuleParts & { service: string }): FirewallRule {
  return {
    key: `protect/${serviceName}`,
    sid: rest.sid,
    rev,
    action: 'drop',
    protocol: 'ip',
    sources: 'any',
    destinations: rest.destinations,
    ports: 'any',
    message: rest.message,
    origin: { kind: 'protect', service: serviceName },
  };
}

/** The seed article's firewall (central-inspection, rule group egress-gateways, pass by default), empty unless overridden. */
export function firewall(overrides: Partial<Firewall> = {}): Firewall {
  return {
    name: 'central-inspection',
    vpc: 'inspection',
    ruleGroup: { name: 'egress-gateways', capacity: 100 },
    ruleOrder: 'STRICT_ORDER',
    defaultAction: 'pass',
    homeNet: [],
    rules: [],
    protectedServices: [],
    logging: {},
    ...overrides,
  };
}

/** The seed article's AWS setting and Transit Gateway (eu-west-1, TGW central), nothing in it unless overridden. */
export function topology({ name, ...overrides }: Partial<Topology> & Pick<Topology, 'name'>): Topology {
  return {
    name,
    aws: { region: 'eu-west-1', availabilityZones: ['eu-west-1a', 'eu-west-1b'] },
    transitGateway: {
      name: 'central',
      amazonSideAsn: 64512,
      cidrBlocks: ['192.0.2.0/24'],
      insideCidrPool: '169.254.0.0/16',
      routeTables: { inspection: 'inspection-rt', firewall: 'firewall-rt' },
    },
    vpcs: [],
    clusters: [],
    services: [],
    firewall: firewall(),
    ...overrides,
  };
}
