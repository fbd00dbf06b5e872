// The spec parts of the resolved model that need no allocation: defaults applied, names resolved,
// versions parsed, referenced templates attached.
import type { SourceFile } from '../load/source.js';
import type { EgressGateway, Ipv4Cidr, LogDestination, Service, UpstreamTemplate, Vpc } from '../model/types.js';
import type { ClusterSpec, Spec, VpcSpec } from '../spec/schema.js';
import { compareCidrs } from '../net/ipv4.js';

export function resolveVpcs(spec: Spec): Vpc[] {
  const vpcCidrs = new Map(spec.spec.vpcs.map((v) => [v.name, v.cidr] as const));
  return spec.spec.vpcs.map((vpc): Vpc => {
    const base = { name: vpc.name, cidr: vpc.cidr, ...(vpc.vpcId !== undefined ? { vpcId: vpc.vpcId } : {}) };
    if (vpc.role === 'inspection') {
      return { ...base, role: 'inspection', zones: vpc.zones.map((z) => ({ availabilityZone: z.availabilityZone, transitGatewaySubnet: { ...z.transitGatewaySubnet }, firewallSubnet: { ...z.firewallSubnet } })) };
    }
    const common = {
      attachmentSubnets: vpc.attachmentSubnets.map((s) => ({ ...s })),
      routeTables: vpc.routeTables.map((r) => ({ ...r })),
      routesViaTransitGateway: resolveRoutes(vpc, vpcCidrs),
    };
    if (vpc.role === 'cluster') {
      return { ...base, role: 'cluster', ...common, ...(vpc.nodeSecurityGroupId !== undefined ? { nodeSecurityGroupId: vpc.nodeSecurityGroupId } : {}) };
    }
    return { ...base, role: 'destination', ...common };
  });
}

/** VPC names become their CIDRs; spec order, first occurrence wins. */
function resolveRoutes(vpc: Exclude<VpcSpec, { role: 'inspection' }>, vpcCidrs: ReadonlyMap<string, Ipv4Cidr>): Ipv4Cidr[] {
  return [...new Set(vpc.routesViaTransitGateway.map((target) => vpcCidrs.get(target) ?? target))];
}

const TEMPLATE_FILES = [
  ['bird.cfg.template', 'birdTemplate'],
  ['bird6.cfg.template', 'bird6Template'],
] as const;

/** The upstream templates a templatePatch cluster names (the checks made sure they were read). */
export function resolveTemplates(cluster: ClusterSpec, files: ReadonlyMap<string, SourceFile>): UpstreamTemplate[] {
  if (cluster.multihop.strategy !== 'templatePatch') return [];
  return TEMPLATE_FILES.flatMap(([fileName, key]) => {
    const specPath = cluster.multihop[key];
    const file = specPath === undefined ? undefined : files.get(specPath);
    return specPath !== undefined && file ? [{ fileName, specPath, text: file.text }] : [];
  });
}

export function resolveEgressGateways(cluster: ClusterSpec): EgressGateway[] {
  return cluster.egressGateways.map((gateway, specIndex) => ({
    name: gateway.name,
    specIndex,
    cluster: cluster.name,
    namespace: gateway.namespace,
    replicas: gateway.replicas,
    pool: { name: gateway.ipPool.name ?? gateway.name, cidr: gateway.ipPool.cidr },
    nodeSelector: Object.entries(gateway.nodeSelector).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    placement: gateway.placement,
    clients: { namespaces: [...gateway.clients.namespaces], workloads: gateway.clients.workloads.map((w) => ({ ...w })), selection: gateway.clients.selection },
  }));
}

export function resolveServices(spec: Spec): Service[] {
  return spec.spec.services.map((s) => ({ name: s.name, vpc: s.vpc, addresses: [...s.addresses], ports: s.ports.map((p) => ({ port: p.port, protocol: p.protocol })) }));
}

/** $HOME_NET: every VPC CIDR and every egress pool, deduplicated, in numeric order. */
export function homeNet(vpcs: readonly Vpc[], gateways: readonly EgressGateway[]): Ipv4Cidr[] {
  return [...new Set([...vpcs.map((v) => v.cidr), ...gateways.map((g) => g.pool.cidr)])].sort(compareCidrs);
}

export function resolveLogging(firewall: Spec['spec']['firewall']): { alert?: LogDestination; flow?: LogDestination } {
  const logging = firewall.logging;
  return {
    ...(logging?.alert ? { alert: { ...logging.alert } } : {}),
    ...(logging?.flow ? { flow: { ...logging.flow } } : {}),
  };
}
