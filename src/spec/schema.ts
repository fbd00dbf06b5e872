// The topology spec language (apiVersion egressc/v1alpha1, kind EgressTopology), defined once.
// Shape only: addresses and CIDRs are strings here so that the semantic checks in src/check can
// report their syntax with precise codes and hints; cross-references are checked there too.
import * as z from 'zod';
import { MAX_DESCRIPTION_LENGTH } from '../load/limits.js';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export const dnsLabel = z
  .string()
  .regex(DNS_LABEL, { message: 'must be a DNS-1123 label: lower-case letters, digits and "-", 1-63 characters, starting and ending with a letter or digit' })
  .describe('A DNS-1123 label (lower-case letters, digits, "-"; at most 63 characters). Names are stable identities.');

const ipv4 = z.string().describe('An IPv4 address, e.g. 10.0.0.55');
const cidr = z.string().describe('An IPv4 network in CIDR notation, e.g. 10.0.0.0/16');

const awsId = (prefix: string, what: string) =>
  z
    .string()
    .regex(new RegExp(`^${prefix}-[0-9a-f]{8}([0-9a-f]{9})?$`), { message: `must be an AWS ${what} id like ${prefix}-0123456789abcdef0` })
    .describe(`Existing AWS ${what} id (${prefix}-…). Leave it out to get a Terraform variable instead.`);

const availabilityZone = z
  .string()
  .regex(/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/, { message: 'must be an availability zone name like eu-west-1a' })
  .describe('Availability zone name, e.g. eu-west-1a');

const asNumber = z.int().max(4294967295).describe('BGP AS number (32 bits)');

const routeTableRef = z
  .strictObject({
    name: dnsLabel,
    routeTableId: awsId('rtb', 'route table').optional(),
  })
  .describe('A VPC route table that receives routes towards the Transit Gateway.');

const attachmentSubnet = z
  .strictObject({
    availabilityZone,
    subnetId: awsId('subnet', 'subnet').optional(),
  })
  .describe('The subnet of one availability zone that the Transit Gateway VPC attachment uses.');

const vpcCommon = {
  name: dnsLabel,
  cidr,
  vpcId: awsId('vpc', 'VPC').optional(),
};

const routesViaTransitGateway = z
  .array(z.string())
  .default([])
  .describe('Destinations routed to the Transit Gateway from this VPC: VPC names or CIDRs (0.0.0.0/0 for everything).');

export const clusterVpcSchema = z
  .strictObject({
    ...vpcCommon,
    role: z.literal('cluster'),
    attachmentSubnets: z.array(attachmentSubnet).min(1),
    routeTables: z.array(routeTableRef).min(1),
    nodeSecurityGroupId: awsId('sg', 'security group').optional(),
    routesViaTransitGateway,
  })
  .describe('The VPC of a Kubernetes cluster; its Transit Gateway attachment carries the GRE tunnels.');

export const destinationVpcSchema = z
  .strictObject({
    ...vpcCommon,
    role: z.literal('destination'),
    attachmentSubnets: z.array(attachmentSubnet).min(1),
    routeTables: z.array(routeTableRef).min(1),
    routesViaTransitGateway,
  })
  .describe('A VPC holding protected services.');

const inspectionZone = z.strictObject({
  availabilityZone,
  transitGatewaySubnet: z.strictObject({
    subnetId: awsId('subnet', 'subnet').optional(),
    routeTableId: awsId('rtb', 'route table').optional(),
  }),
  firewallSubnet: z.strictObject({
    subnetId: awsId('subnet', 'subnet').optional(),
    routeTableId: awsId('rtb', 'route table').optional(),
  }),
});

export const inspectionVpcSchema = z
  .strictObject({
    ...vpcCommon,
    role: z.literal('inspection'),
    zones: z.array(inspectionZone).min(1).describe('Per availability zone: the Transit Gateway subnet and the firewall subnet.'),
  })
  .describe('The central inspection VPC holding AWS Network Firewall.');

export const vpcSchema = z.discriminatedUnion('role', [clusterVpcSchema, destinationVpcSchema, inspectionVpcSchema]);

export const transitGatewaySchema = z.strictObject({
  name: dnsLabel,
  amazonSideAsn: asNumber.default(64512).describe('Amazon-side ASN: 64512-65534 or 4200000000-4294967294'),
  cidrBlocks: z.array(cidr).min(1).describe('Transit Gateway CIDR blocks (/24 or larger) that the TGW GRE addresses come from.'),
  insideCidrPool: cidr
    .default('169.254.0.0/16')
    .describe('Where the inside /29s of Connect peers are allocated from; a sub-range of 169.254.0.0/16.'),
  routeTables: z
    .strictObject({
      inspection: dnsLabel.default('inspection-rt').describe('Associated with the spoke and Connect attachments; holds 0.0.0.0/0 to the inspection VPC.'),
      firewall: dnsLabel.default('firewall-rt').describe('Associated with the inspection VPC attachment; holds the propagated spoke and BGP routes.'),
    })
    .default({ inspection: 'inspection-rt', firewall: 'firewall-rt' }),
});

export const peeringNodeSchema = z.strictObject({
  name: dnsLabel.describe('Stable identity of the node in this spec.'),
  nodeName: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/, { message: 'must be a Kubernetes node name (DNS-1123 subdomain)' })
    .optional()
    .describe('The Kubernetes node name when it differs from name (e.g. ip-172-31-1-10.eu-west-1.compute.internal).'),
  vpcIp: ipv4.describe("The node's primary VPC address: the GRE tunnel's local end and the Connect peer address."),
  availabilityZone,
  eniMtu: z.int().min(576).max(9001).default(1500).describe('MTU of the ENI carrying GRE; the tunnel MTU is this minus 44, at most 8456.'),
  pin: z
    .strictObject({
      insideCidr: cidr.optional().describe('Inside /29 of the Connect peer, for a peer that already exists in AWS.'),
      tgwGreAddress: ipv4.optional().describe('TGW GRE address of the Connect peer, for a peer that already exists in AWS.'),
    })
    .optional()
    .describe('Allocations fixed by hand; they win over the lock file.'),
});

export const egressGatewaySchema = z.strictObject({
  name: dnsLabel,
  namespace: dnsLabel,
  replicas: z.int().min(1).max(100).default(1),
  ipPool: z.strictObject({
    name: dnsLabel.optional().describe('IPPool name; defaults to the gateway name.'),
    cidr: cidr.describe('Egress IP range of the gateway; advertised to the Transit Gateway.'),
  }),
  nodeSelector: z.record(z.string(), z.string()).default({}).describe('Kubernetes node labels the gateway pods must run on (in addition to the Connect-peer label with placement: connectPeers).'),
  placement: z
    .enum(['connectPeers', 'anyNode'])
    .default('connectPeers')
    .describe('connectPeers: the gateway pods run only on nodes labelled egressc.io/connect-peer: "true" (the peering nodes), spread over nodes and zones; anyNode: wherever the scheduler puts them (replies then depend on re-advertised routes).'),
  clients: z
    .strictObject({
      namespaces: z.array(dnsLabel).default([]).describe('Namespaces whose pods leave the cluster through this gateway.'),
      workloads: z
        .array(
          z.strictObject({
            namespace: dnsLabel,
            kind: z.enum(['Deployment', 'StatefulSet', 'DaemonSet']),
            name: z
              .string()
              .regex(/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/, { message: 'must be a Kubernetes object name (DNS-1123 subdomain)' }),
          }),
        )
        .default([])
        .describe('Single workloads (not their whole namespace) whose pods use this gateway: egressc writes a patch adding the egress annotations to their pod template.'),
      selection: z
        .enum(['annotation', 'policy'])
        .default('annotation')
        .describe('annotation: namespace annotations select the gateway; policy: an EgressGatewayPolicy limited to the allowed services.'),
    })
    .describe('Which workloads use the gateway.'),
});

export const clusterSchema = z.strictObject({
  name: dnsLabel,
  vpc: dnsLabel.describe('Name of the cluster VPC (role: cluster).'),
  calico: z.strictObject({
    edition: z.enum(['enterprise', 'opensource']),
    version: z.string().regex(/^\d+\.\d+(\.\d+)?$/, { message: 'must be a version like 3.22 or 3.22.1' }),
  }),
  asNumber: asNumber.describe("The cluster's BGP AS number; must differ from the TGW's (eBGP)."),
  nodeToNodeMesh: z.boolean().default(true),
  nextHopToTransitGateway: z
    .enum(['self', 'keep'])
    .default('self')
    .describe('BGP NEXT_HOP the nodes send the TGW: self (their own tunnel address; the TGW can only use that) or keep (the article\'s keepOriginalNextHop: the hosting node\'s address, whose handling by the TGW is undocumented).'),
  advertiseGatewayRoutes: z
    .enum(['allPeers', 'hostingNode'])
    .default('allPeers')
    .describe('Which peers advertise an egress gateway\'s /32 to the TGW: allPeers (every peer, including the /32s it learned from other nodes over the node mesh) or hostingNode (only the node hosting the gateway: the BGPFilter rejects egress-pool routes learned from other nodes; Calico Enterprise 3.17+ / open source 3.27.0+).'),
  encapsulation: z.enum(['VXLAN', 'IPIP', 'None']).default('VXLAN').describe('Pod network encapsulation; egress pools use the same.'),
  podCidr: cidr.optional().describe('Pod network CIDR; never exported to the Transit Gateway.'),
  importFromTransitGateway: z
    .array(cidr)
    .default([])
    .describe('Prefixes the nodes may learn from the TGW. Empty (the default) imports nothing.'),
  multihop: z
    .strictObject({
      strategy: z.enum(['templatePatch', 'interfaceRoute']).default('templatePatch'),
      birdTemplate: z.string().optional().describe('templatePatch: path (relative to this spec) of the upstream bird.cfg.template.'),
      bird6Template: z.string().optional().describe('templatePatch: path of the upstream bird6.cfg.template, if IPv6 BGP is used.'),
    })
    .default({ strategy: 'templatePatch' }),
  hostNetwork: z
    .enum(['netplan', 'network-scripts', 'networkmanager'])
    .default('netplan')
    .describe("How the cluster's nodes configure their network, and so the one form of each node's GRE tunnel egressc writes: netplan (Ubuntu), network-scripts (initscripts ifcfg files, RHEL 7/8) or networkmanager (keyfiles, RHEL 9+, Fedora)."),
  peeringNodes: z.array(peeringNodeSchema).min(1),
  egressGateways: z.array(egressGatewaySchema).default([]),
});

const servicePort = z.strictObject({
  port: z.int().min(1).max(65535),
  protocol: z.enum(['tcp', 'udp']).default('tcp'),
});

export const serviceSchema = z.strictObject({
  name: dnsLabel,
  vpc: dnsLabel,
  addresses: z.array(ipv4).min(1),
  ports: z.array(servicePort).min(1),
});

const logDestination = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('s3'), bucket: z.string().min(3), prefix: z.string().optional() }),
  z.strictObject({ type: z.literal('cloudwatch'), logGroup: z.string().min(1) }),
  z.strictObject({ type: z.literal('firehose'), deliveryStream: z.string().min(1) }),
]);

export const firewallSchema = z.strictObject({
  name: dnsLabel,
  vpc: dnsLabel.describe('Name of the inspection VPC.'),
  ruleGroup: z.strictObject({
    name: dnsLabel,
    capacity: z.int().min(1).max(30000).optional().describe('Fixed capacity; by default egressc sizes it with headroom and records it in the lock.'),
  }),
  ruleOrder: z.literal('STRICT_ORDER').default('STRICT_ORDER'),
  defaultAction: z
    .enum(['pass', 'drop', 'alert'])
    .default('pass')
    .describe('What happens to traffic that no rule matches (stateful default action).'),
  allow: z
    .array(
      z.strictObject({
        name: dnsLabel,
        from: z.array(dnsLabel).min(1).describe('Egress gateway names.'),
        to: z.array(dnsLabel).min(1).describe('Service names.'),
        ports: z.array(servicePort).optional().describe("A subset of the services' ports; all of them by default."),
      }),
    )
    .default([])
    .describe('Pass rules: these egress gateways may reach these services. Their order carries no meaning (rules are ordered by key, pass before drop).'),
  protect: z.array(dnsLabel).default([]).describe('Protected services: all other traffic to them is dropped.'),
  logging: z
    .strictObject({
      alert: logDestination.optional(),
      flow: logDestination.optional(),
    })
    .optional(),
});

export const expectationSchema = z
  .strictObject({
    from: z.string().describe('Source: ns/NAME, workload/NS/KIND/NAME, node/NAME or an IPv4 address (ns/CLUSTER/NAME, node/CLUSTER/NAME with several clusters).'),
    to: z.string().describe('Destination: service/NAME:PORT/PROTO or IP:PORT/PROTO.'),
    verdict: z
      .enum(['allowed', 'dropped', 'no-route', 'asymmetric'])
      .describe('What egressc trace must find: allowed, dropped (by a rule or the default action), no-route, asymmetric.'),
    sourceAddress: z
      .string()
      .optional()
      .describe('The address the destination must see the flow come from (e.g. the egress gateway IP 198.51.100.1): it must lie in the traced source range.'),
  })
  .describe('A flow and the verdict it must get; checked by validate and build with the path model of egressc trace.');

export const specSchema = z.strictObject({
  apiVersion: z.literal('egressc/v1alpha1'),
  kind: z.literal('EgressTopology'),
  metadata: z.strictObject({
    name: dnsLabel.describe('Names the lock file (<name>.lock.yaml) and prefixes AWS resource names.'),
    description: z.string().max(MAX_DESCRIPTION_LENGTH).optional().describe('Free text, one line; printed into REPORT.md.'),
  }),
  spec: z.strictObject({
    aws: z.strictObject({
      region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { message: 'must be an AWS region like eu-west-1' }),
      availabilityZones: z.array(availabilityZone).min(1),
    }),
    transitGateway: transitGatewaySchema,
    vpcs: z.array(vpcSchema).min(1),
    clusters: z.array(clusterSchema).min(1),
    services: z.array(serviceSchema).default([]),
    firewall: firewallSchema,
    terraform: z
      .strictObject({
        root: z
          .boolean()
          .default(false)
          .describe('Also write terraform-root/: a ready-to-apply root configuration (provider block, module call) beside the terraform/ module.'),
      })
      .optional(),
    expectations: z.array(expectationSchema).default([]).describe('Flows with their expected verdicts (the article\'s observations, your own tests).'),
  }),
});

export type Spec = z.output<typeof specSchema>;
export type SpecInput = z.input<typeof specSchema>;
export type ClusterSpec = Spec['spec']['clusters'][number];
export type PeeringNodeSpec = ClusterSpec['peeringNodes'][number];
export type VpcSpec = Spec['spec']['vpcs'][number];
