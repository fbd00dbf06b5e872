// The order guarantee: every list of the resolved model is in an order derived from names, values or
// allocations, never from the order the spec lists things in. Emitters walk the model as it is, so
// reordering any list of the spec changes no artifact and no lock (docs/allocation.md, "Order").
// Items keep their `specIndex` (where they are written) for diagnostics only.
import type { Cluster, EgressGateway, FirewallRule, InspectionZone, PeeringNode, Service, ServicePort, Topology, Vpc, WorkloadRef } from '../model/types.js';
import { compareText } from './order.js';
import { compareCidrs, parseIpv4 } from '../net/ipv4.js';

const byName = <T extends { name: string }>(a: T, b: T): number => compareText(a.name, b.name);
const byZone = <T extends { availabilityZone: string }>(a: T, b: T): number => compareText(a.availabilityZone, b.availabilityZone);
const sorted = <T>(items: readonly T[], compare: (a: T, b: T) => number): T[] => [...items].sort(compare);
const uniqueSorted = (items: readonly string[], compare: (a: string, b: string) => number = compareText): string[] => [...new Set(items)].sort(compare);

/** Numeric address order (10.0.0.9 before 10.0.0.10). */
export function compareAddresses(a: string, b: string): number {
  const x = parseIpv4(a);
  const y = parseIpv4(b);
  return x === undefined || y === undefined ? compareText(a, b) : x - y;
}

export const comparePorts = (a: ServicePort, b: ServicePort): number => compareText(a.protocol, b.protocol) || a.port - b.port;

const compareWorkloads = (a: WorkloadRef, b: WorkloadRef): number => compareText(a.namespace, b.namespace) || compareText(a.kind, b.kind) || compareText(a.name, b.name);

/**
 * Strict order evaluates rules top to bottom and the first pass or drop decides. Every pass rule comes
 * before every drop rule, so a flow that any pass rule allows is passed; among rules of one action the
 * verdict does not depend on their order, which is therefore the rule key's (see docs/firewall.md).
 */
export const compareRules = (a: Pick<FirewallRule, 'action' | 'key'>, b: Pick<FirewallRule, 'action' | 'key'>): number =>
  (a.action === b.action ? 0 : a.action === 'pass' ? -1 : 1) || compareText(a.key, b.key);

function canonicalVpc(vpc: Vpc): Vpc {
  if (vpc.role === 'inspection') return { ...vpc, zones: sorted<InspectionZone>(vpc.zones, byZone) };
  return {
    ...vpc,
    attachmentSubnets: sorted(vpc.attachmentSubnets, byZone),
    routeTables: sorted(vpc.routeTables, byName),
    routesViaTransitGateway: uniqueSorted(vpc.routesViaTransitGateway, compareCidrs),
  };
}

function canonicalGateway(gateway: EgressGateway): EgressGateway {
  return {
    ...gateway,
    clients: { ...gateway.clients, namespaces: uniqueSorted(gateway.clients.namespaces), workloads: sorted(gateway.clients.workloads, compareWorkloads) },
  };
}

function canonicalCluster(cluster: Cluster): Cluster {
  return {
    ...cluster,
    importFromTransitGateway: uniqueSorted(cluster.importFromTransitGateway, compareCidrs),
    multihop: { ...cluster.multihop, templates: sorted(cluster.multihop.templates, (a, b) => compareText(a.fileName, b.fileName)) },
    nodes: sorted<PeeringNode>(cluster.nodes, byName),
    egressGateways: sorted(cluster.egressGateways, byName).map(canonicalGateway),
    connectAttachments: sorted(cluster.connectAttachments, (a, b) => a.number - b.number).map((a) => ({ ...a, peers: uniqueSorted(a.peers) })),
  };
}

const canonicalService = (service: Service): Service => ({
  ...service,
  addresses: uniqueSorted(service.addresses, compareAddresses),
  ports: sorted(service.ports, comparePorts),
});

export function inCanonicalOrder(model: Topology): Topology {
  return {
    ...model,
    aws: { ...model.aws, availabilityZones: uniqueSorted(model.aws.availabilityZones) },
    transitGateway: { ...model.transitGateway, cidrBlocks: uniqueSorted(model.transitGateway.cidrBlocks, compareCidrs) },
    vpcs: sorted(model.vpcs, byName).map(canonicalVpc),
    clusters: sorted(model.clusters, byName).map(canonicalCluster),
    services: sorted(model.services, byName).map(canonicalService),
    firewall: {
      ...model.firewall,
      homeNet: uniqueSorted(model.firewall.homeNet, compareCidrs),
      rules: sorted(model.firewall.rules, compareRules),
      protectedServices: uniqueSorted(model.firewall.protectedServices),
    },
  };
}
