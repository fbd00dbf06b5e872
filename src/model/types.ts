// The resolved model: the validated spec plus every allocated value. Emitters read only this.
// Every list is in an order derived from names, values or allocations, never from spec order
// (src/model/canonical-order.ts); `specIndex` says where an item is written, for diagnostics only.

export type Ipv4Address = string;
/** Canonical IPv4 CIDR (network address, no host bits), e.g. "169.254.8.8/29". */
export type Ipv4Cidr = string;

export interface Topology {
  /** metadata.name of the spec */
  name: string;
  description?: string;
  aws: { region: string; availabilityZones: string[] };
  transitGateway: TransitGateway;
  vpcs: Vpc[];
  clusters: Cluster[];
  services: Service[];
  firewall: Firewall;
  /** What the Terraform emitter writes besides the module; absent: the module only. */
  terraform?: { root: boolean };
}

export interface TransitGateway {
  name: string;
  amazonSideAsn: number;
  cidrBlocks: Ipv4Cidr[];
  insideCidrPool: Ipv4Cidr;
  routeTables: { inspection: string; firewall: string };
}

export interface AttachmentSubnet {
  availabilityZone: string;
  subnetId?: string;
}

export interface RouteTableRef {
  name: string;
  routeTableId?: string;
}

interface VpcBase {
  name: string;
  cidr: Ipv4Cidr;
  vpcId?: string;
}

export interface ClusterVpc extends VpcBase {
  role: 'cluster';
  attachmentSubnets: AttachmentSubnet[];
  routeTables: RouteTableRef[];
  nodeSecurityGroupId?: string;
  /** Resolved destinations (VPC names turned into their CIDRs), deduplicated, in numeric order. */
  routesViaTransitGateway: Ipv4Cidr[];
}

export interface DestinationVpc extends VpcBase {
  role: 'destination';
  attachmentSubnets: AttachmentSubnet[];
  routeTables: RouteTableRef[];
  routesViaTransitGateway: Ipv4Cidr[];
}

export interface InspectionZone {
  availabilityZone: string;
  transitGatewaySubnet: { subnetId?: string; routeTableId?: string };
  firewallSubnet: { subnetId?: string; routeTableId?: string };
}

export interface InspectionVpc extends VpcBase {
  role: 'inspection';
  zones: InspectionZone[];
}

export type Vpc = ClusterVpc | DestinationVpc | InspectionVpc;

export interface CalicoVersion {
  edition: 'enterprise' | 'opensource';
  major: number;
  minor: number;
  patch?: number;
  /** as written in the spec, e.g. "3.22" */
  text: string;
}

export type MultihopStrategy = 'templatePatch' | 'interfaceRoute';

/** The node network configuration a cluster's nodes use: the one host format written for them. */
export type HostNetwork = 'netplan' | 'network-scripts' | 'networkmanager';

export interface UpstreamTemplate {
  /** ConfigMap key / file name inside calico-node: bird.cfg.template or bird6.cfg.template */
  fileName: 'bird.cfg.template' | 'bird6.cfg.template';
  /** path as written in the spec (relative to the spec file) */
  specPath: string;
  text: string;
}

/** Position of an item in its spec list: for diagnostics (spec paths) only, never for ordering output. */
export type SpecIndex = number;

export interface Cluster {
  name: string;
  specIndex: SpecIndex;
  vpc: string;
  calico: CalicoVersion;
  asNumber: number;
  nodeToNodeMesh: boolean;
  /** BGP NEXT_HOP towards the TGW (BGPPeer nextHopMode / keepOriginalNextHop) */
  nextHopToTransitGateway: 'self' | 'keep';
  /** who advertises a gateway /32 to the TGW: every peer, or only the hosting node (BGPFilter `source: RemotePeers` reject) */
  advertiseGatewayRoutes: 'allPeers' | 'hostingNode';
  encapsulation: 'VXLAN' | 'IPIP' | 'None';
  podCidr?: Ipv4Cidr;
  importFromTransitGateway: Ipv4Cidr[];
  multihop: { strategy: MultihopStrategy; templates: UpstreamTemplate[] };
  hostNetwork: HostNetwork;
  /** sorted by name */
  nodes: PeeringNode[];
  /** sorted by name */
  egressGateways: EgressGateway[];
  /** ordered by number */
  connectAttachments: ConnectAttachment[];
}

export interface ConnectAttachment {
  /** stable identity, e.g. "prod-connect-1" */
  name: string;
  cluster: string;
  /** 1-based */
  number: number;
  /** node names (of this cluster) whose Connect peers ride on this attachment; at most 4; sorted by name */
  peers: string[];
}

/** An attachment the TGW route tables deal with: a VPC's, or a Connect attachment. */
export type AttachmentRef = { kind: 'vpc'; vpc: string } | { kind: 'connect'; attachment: ConnectAttachment };

export interface ConnectPeer {
  /** the inside /29, e.g. 169.254.8.8/29 */
  insideCidr: Ipv4Cidr;
  /** N+1: the node's BGP address */
  nodeBgpAddress: Ipv4Address;
  /** N+2 and N+3: the TGW's two BGP addresses */
  tgwBgpAddresses: [Ipv4Address, Ipv4Address];
  /** from a TGW CIDR block */
  tgwGreAddress: Ipv4Address;
  /** the node's VPC IP */
  peerAddress: Ipv4Address;
  /** ConnectAttachment.name */
  attachment: string;
}

export interface Tunnel {
  /** Linux interface name, at most 15 characters */
  interfaceName: string;
  mode: 'gre';
  local: Ipv4Address;
  remote: Ipv4Address;
  ttl: number;
  /** eniMtu - 44, at most 8456 */
  mtu: number;
}

export interface PeeringNode {
  name: string;
  specIndex: SpecIndex;
  /** Kubernetes node name */
  nodeName: string;
  vpcIp: Ipv4Address;
  availabilityZone: string;
  eniMtu: number;
  connectPeer: ConnectPeer;
  tunnel: Tunnel;
}

export interface EgressGateway {
  name: string;
  specIndex: SpecIndex;
  cluster: string;
  namespace: string;
  replicas: number;
  pool: { name: string; cidr: Ipv4Cidr };
  /** the user's selector, sorted by key (the Connect-peer label is added by the emitter with placement connectPeers) */
  nodeSelector: [string, string][];
  /** connectPeers: only on nodes with the Connect-peer label; anyNode: wherever the scheduler puts them */
  placement: 'connectPeers' | 'anyNode';
  clients: { namespaces: string[]; workloads: WorkloadRef[]; selection: 'annotation' | 'policy' };
}

/** A Kubernetes workload whose pod template carries the egress annotations (per-pod selection). */
export interface WorkloadRef {
  namespace: string;
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  name: string;
}

export interface ServicePort {
  port: number;
  protocol: 'tcp' | 'udp';
}

export interface Service {
  name: string;
  vpc: string;
  addresses: Ipv4Address[];
  ports: ServicePort[];
}

export type LogDestination =
  | { type: 's3'; bucket: string; prefix?: string }
  | { type: 'cloudwatch'; logGroup: string }
  | { type: 'firehose'; deliveryStream: string };

export type RuleAction = 'pass' | 'drop';

/** One Suricata rule, before rendering. The key is its stable identity (sid and rev hang on it). */
export interface FirewallRule {
  key: string;
  sid: number;
  rev: number;
  action: RuleAction;
  protocol: 'tcp' | 'udp' | 'ip';
  sources: Ipv4Cidr[] | 'any';
  destinations: Ipv4Cidr[];
  ports: number[] | 'any';
  /** human text for msg:, built from spec names; escaping is the renderer's job */
  message: string;
  /** the spec entry the rule comes from */
  origin: { kind: 'allow'; name: string; gateway: string; service: string } | { kind: 'protect'; service: string };
}

export interface Firewall {
  name: string;
  vpc: string;
  ruleGroup: { name: string; capacity: number };
  ruleOrder: 'STRICT_ORDER';
  defaultAction: 'pass' | 'drop' | 'alert';
  /** value of $HOME_NET in the rule group: every VPC CIDR and egress pool, sorted */
  homeNet: Ipv4Cidr[];
  /** in evaluation order: pass rules, then drop rules, each by key (canonical-order.ts) */
  rules: FirewallRule[];
  /** the spec's firewall.protect (service names, sorted); the policy check verifies each is protected */
  protectedServices: string[];
  logging: { alert?: LogDestination; flow?: LogDestination };
}
