// The spec parts of the resolved model that need no allocation: defaults applied, names resolved,
// versions parsed, referenced templates attached.
import type { Diagnostic, SpecPath } from '../diagnostics/types.js';
import type { SourceFile } from '../load/source.js';
import type { CalicoVersion, EgressGateway, Ipv4Cidr, LogDestination, Service, UpstreamTemplate, Vpc } from '../model/types.js';
import type { ClusterSpec, Spec, VpcSpec } from '../spec/schema.js';
import { specDiagnostic, type SpecLocation } from './diagnose.js';
import { canonicalCidr, compareCidrs } from './ipv4.js';

/** Canonical form of a CIDR from the spec; reports it (once per path) when it does not parse. */
export class CidrReader {
  readonly diagnostics: Diagnostic[] = [];
  constructor(private readonly where: SpecLocation) {}

  read(text: string, path: SpecPath): Ipv4Cidr {
    const canonical = canonicalCidr(text);
    if (canonical !== undefined) return canonical;
    this.diagnostics.push(specDiagnostic(this.where, 'error', 'invalid-cidr', path, `${text} is not an IPv4 CIDR.`, 'Write a network like 10.0.0.0/16.'));
    return text;
  }
}

export function resolveVpcs(spec: Spec, cidrs: CidrReader): Vpc[] {
  const vpcCidrs = new Map(spec.spec.vpcs.map((v, i) => [v.name, cidrs.read(v.cidr, ['spec', 'vpcs', i, 'cidr'])] as const));
  return spec.spec.vpcs.map((vpc, index): Vpc => {
    const base = { name: vpc.name, cidr: vpcCidrs.get(vpc.name)!, ...(vpc.vpcId !== undefined ? { vpcId: vpc.vpcId } : {}) };
    if (vpc.role === 'inspection') {
      return { ...base, role: 'inspection', zones: vpc.zones.map((z) => ({ availabilityZone: z.availabilityZone, transitGatewaySubnet: { ...z.transitGatewaySubnet }, firewallSubnet: { ...z.firewallSubnet } })) };
    }
    const common = {
      attachmentSubnets: vpc.attachmentSubnets.map((s) => ({ ...s })),
      routeTables: vpc.routeTables.map((r) => ({ ...r })),
      routesViaTransitGateway: resolveRoutes(vpc, index, vpcCidrs, cidrs),
    };
    if (vpc.role === 'cluster') {
      return { ...base, role: 'cluster', ...common, ...(vpc.nodeSecurityGroupId !== undefined ? { nodeSecurityGroupId: vpc.nodeSecurityGroupId } : {}) };
    }
    return { ...base, role: 'destination', ...common };
  });
}

/** VPC names become their CIDRs; spec order, first occurrence wins. */
function resolveRoutes(vpc: Exclude<VpcSpec, { role: 'inspection' }>, index: number, vpcCidrs: ReadonlyMap<string, Ipv4Cidr>, cidrs: CidrReader): Ipv4Cidr[] {
  const routes = vpc.routesViaTransitGateway.map((target, i) => vpcCidrs.get(target) ?? cidrs.read(target, ['spec', 'vpcs', index, 'routesViaTransitGateway', i]));
  return [...new Set(routes)];
}

export function parseCalicoVersion(calico: ClusterSpec['calico']): CalicoVersion {
  const [major, minor, patch] = calico.version.split('.').map(Number);
  return { edition: calico.edition, major: major!, minor: minor!, ...(patch !== undefined ? { patch } : {}), text: calico.version };
}

export function resolveTemplates(cluster: ClusterSpec, clusterIndex: number, files: ReadonlyMap<string, SourceFile>, where: SpecLocation, diagnostics: Diagnostic[]): UpstreamTemplate[] {
  if (cluster.multihop.strategy !== 'templatePatch') return [];
  const wanted: [UpstreamTemplate['fileName'], 'birdTemplate' | 'bird6Template'][] = [
    ['bird.cfg.template', 'birdTemplate'],
    ['bird6.cfg.template', 'bird6Template'],
  ];
  const path: SpecPath = ['spec', 'clusters', clusterIndex, 'multihop'];
  if (cluster.multihop.birdTemplate === undefined) {
    diagnostics.push(
      specDiagnostic(where, 'error', 'template-missing', path, `Cluster ${cluster.name} uses the templatePatch strategy but names no birdTemplate.`, "Set multihop.birdTemplate to the path of calico-node's upstream bird.cfg.template, or use strategy: interfaceRoute."),
    );
  }
  const templates: UpstreamTemplate[] = [];
  for (const [fileName, key] of wanted) {
    const specPath = cluster.multihop[key];
    if (specPath === undefined) continue;
    const file = files.get(specPath);
    if (!file) {
      diagnostics.push(
        specDiagnostic(where, 'error', 'template-missing', [...path, key], `The ${fileName} template ${specPath} of cluster ${cluster.name} could not be read.`, 'Check the path: it is relative to the spec file. Copy the template from the calico-node image of your Calico version.'),
      );
      continue;
    }
    templates.push({ fileName, specPath, text: file.text });
  }
  return templates;
}

export function resolveEgressGateway(cluster: ClusterSpec, clusterIndex: number, cidrs: CidrReader): EgressGateway[] {
  return cluster.egressGateways.map((gateway, index) => ({
    name: gateway.name,
    cluster: cluster.name,
    namespace: gateway.namespace,
    replicas: gateway.replicas,
    pool: { name: gateway.ipPool.name ?? gateway.name, cidr: cidrs.read(gateway.ipPool.cidr, ['spec', 'clusters', clusterIndex, 'egressGateways', index, 'ipPool', 'cidr']) },
    nodeSelector: Object.entries(gateway.nodeSelector).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    clients: { namespaces: [...gateway.clients.namespaces], selection: gateway.clients.selection },
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
