// A valid spec of a given size, for the benchmark and profiling.
/** A valid spec with `nodes` peering nodes (4 per Connect attachment), a gateway per 10 nodes, 10 services. */
export function makeSpec(nodes) {
  const zones = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
  const gateways = Math.max(1, Math.floor(nodes / 10));
  const peeringNodes = Array.from({ length: nodes }, (_, i) => ({
    name: `node-${i}`,
    vpcIp: `10.16.${Math.floor(i / 250)}.${(i % 250) + 1}`, // inside the cluster VPC 10.16.0.0/12 for up to 62500 nodes
    availabilityZone: zones[i % 3],
  }));
  const egressGateways = Array.from({ length: gateways }, (_, i) => ({
    name: `egw-${i}`,
    namespace: `egress-${i}`,
    ipPool: { cidr: `100.${64 + Math.floor(i / 64)}.${(i % 64) * 4}.0/30` },
    clients: { namespaces: [`app-${i}`] },
  }));
  const services = Array.from({ length: 10 }, (_, i) => ({
    name: `svc-${i}`,
    vpc: 'services',
    addresses: [`10.0.${i}.10`],
    ports: [{ port: 5432 + i, protocol: 'tcp' }],
  }));
  return {
    apiVersion: 'egressc/v1alpha1',
    kind: 'EgressTopology',
    metadata: { name: 'bench' },
    spec: {
      aws: { region: 'eu-west-1', availabilityZones: zones },
      transitGateway: { name: 'tgw', amazonSideAsn: 64512, cidrBlocks: ['192.0.0.0/20', '198.18.0.0/20'] },
      vpcs: [
        { name: 'cluster', role: 'cluster', cidr: '10.16.0.0/12', attachmentSubnets: zones.map((z) => ({ availabilityZone: z })), routeTables: [{ name: 'nodes' }], routesViaTransitGateway: ['services'] },
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
        allow: egressGateways.map((g, i) => ({ name: `allow-${i}`, from: [g.name], to: [services[i % 10].name] })),
        protect: services.map((s) => s.name),
      },
    },
  };
}

