// A valid spec of a given size, for the benchmark and profiling.
/**
 * A valid spec with `nodes` peering nodes (4 per Connect attachment), `gateways` egress gateways,
 * `services` protected services and `allows` allow entries (entry i: gateway i % gateways to service
 * floor(i / gateways), all pairs distinct), so the rule group holds allows + services rules.
 */
export function makeSpec({ nodes, gateways = 10, services: serviceCount = 10, allows = gateways }) {
  const zones = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
  if (allows > gateways * serviceCount) throw new Error('more allow entries than gateway/service pairs');
  const peeringNodes = Array.from({ length: nodes }, (_, i) => ({
    name: `node-${i}`,
    vpcIp: `10.16.${Math.floor(i / 250)}.${(i % 250) + 4}`, // inside the cluster VPC 10.16.0.0/16 for up to 64,000 nodes (.1-.3 are reserved by AWS)
    availabilityZone: zones[i % 3],
  }));
  const egressGateways = Array.from({ length: gateways }, (_, i) => ({
    name: `egw-${i}`,
    namespace: `egress-${i}`,
    ipPool: { cidr: `100.${64 + Math.floor(i / 64)}.${(i % 64) * 4}.0/30` },
    clients: { namespaces: [`app-${i}`] },
  }));
  const services = Array.from({ length: serviceCount }, (_, i) => ({
    name: `svc-${i}`,
    vpc: 'services',
    addresses: [`10.0.${Math.floor(i / 250)}.${(i % 250) + 4}`], // .1-.3 are reserved by AWS
    ports: [{ port: 1024 + i, protocol: 'tcp' }],
  }));
  return {
    apiVersion: 'egressc/v1alpha1',
    kind: 'EgressTopology',
    metadata: { name: 'bench' },
    spec: {
      aws: { region: 'eu-west-1', availabilityZones: zones },
      transitGateway: { name: 'tgw', amazonSideAsn: 64512, cidrBlocks: ['192.0.0.0/20', '198.18.0.0/20'] },
      vpcs: [
        { name: 'cluster', role: 'cluster', cidr: '10.16.0.0/16', attachmentSubnets: zones.map((z) => ({ availabilityZone: z })), routeTables: [{ name: 'nodes' }], routesViaTransitGateway: ['services'] },
        { name: 'services', role: 'destination', cidr: '10.0.0.0/16', attachmentSubnets: [{ availabilityZone: zones[0] }], routeTables: [{ name: 'private' }], routesViaTransitGateway: ['0.0.0.0/0'] },
        { name: 'inspection', role: 'inspection', cidr: '10.100.0.0/16', zones: zones.map((z) => ({ availabilityZone: z, transitGatewaySubnet: {}, firewallSubnet: {} })) },
      ],
      clusters: [
        { name: 'big', vpc: 'cluster', calico: { edition: 'enterprise', version: '3.22' }, asNumber: 64600, multihop: { strategy: 'interfaceRoute' }, peeringNodes, egressGateways },
      ],
      services,
      firewall: {
        name: 'fw',
        vpc: 'inspection',
        ruleGroup: { name: 'egress' },
        allow: Array.from({ length: allows }, (_, i) => ({
          name: `allow-${i}`,
          from: [egressGateways[i % gateways].name],
          to: [services[Math.floor(i / gateways)].name],
        })),
        protect: services.map((s) => s.name),
      },
    },
  };
}

