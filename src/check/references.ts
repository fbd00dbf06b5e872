// Names: every by-name reference resolves (to the right kind of thing), and names are unique where
// they are identities.
import type { SpecPath } from '../diagnostics/types.js';
import type { Spec, VpcSpec } from '../spec/schema.js';
import { showPath, type Report } from './context.js';
import { suggestion } from './nearest.js';

/** A routesViaTransitGateway entry is a CIDR when it has a slash or starts with a digit; else a VPC name. */
export function isCidrReference(entry: string): boolean {
  return entry.includes('/') || /^\d/.test(entry);
}

type Role = VpcSpec['role'];

export function checkReferences(spec: Spec, report: Report): void {
  const s = spec.spec;
  const vpcByName = new Map(s.vpcs.map((vpc) => [vpc.name, vpc] as const));
  const vpcNames = s.vpcs.map((vpc) => vpc.name);

  const vpcRef = (path: SpecPath, name: string, role: Role, owner: string) => {
    const vpc = vpcByName.get(name);
    if (!vpc) {
      report({
        code: 'unresolved-reference',
        path,
        message: `${owner} names VPC "${name}", which is not defined in spec.vpcs.`,
        hint: suggestion(name, s.vpcs.filter((v) => v.role === role).map((v) => v.name), `${role} VPC`),
      });
    } else if (vpc.role !== role) {
      report({
        code: 'wrong-role',
        path,
        message: `${owner} needs a VPC with role ${role}, but "${name}" has role ${vpc.role}.`,
        hint: roleHint(s.vpcs.filter((v) => v.role === role).map((v) => v.name), role),
      });
    }
  };

  s.clusters.forEach((cluster, c) => vpcRef(['spec', 'clusters', c, 'vpc'], cluster.vpc, 'cluster', `Cluster "${cluster.name}"`));
  s.services.forEach((service, i) => vpcRef(['spec', 'services', i, 'vpc'], service.vpc, 'destination', `Service "${service.name}"`));
  vpcRef(['spec', 'firewall', 'vpc'], s.firewall.vpc, 'inspection', `Firewall "${s.firewall.name}"`);

  s.vpcs.forEach((vpc, v) => {
    if (vpc.role === 'inspection') return;
    vpc.routesViaTransitGateway.forEach((entry, r) => {
      if (isCidrReference(entry) || vpcByName.has(entry)) return;
      report({
        code: 'unresolved-reference',
        path: ['spec', 'vpcs', v, 'routesViaTransitGateway', r],
        message: `VPC "${vpc.name}" routes to "${entry}" via the Transit Gateway, which is neither a VPC name nor a CIDR.`,
        hint: suggestion(entry, vpcNames.filter((n) => n !== vpc.name), 'VPC'),
      });
    });
  });

  const gatewayNames = s.clusters.flatMap((cluster) => cluster.egressGateways.map((g) => g.name));
  const serviceNames = s.services.map((service) => service.name);
  const refList = (at: SpecPath, names: readonly string[], known: readonly string[], kind: string, owner: string) =>
    names.forEach((name, i) => {
      const earlier = names.indexOf(name);
      if (earlier < i) {
        // the same reference twice would make two firewall rules with one identity (key, sid)
        report({
          code: 'duplicate-reference',
          path: [...at, i],
          message: `${owner} names ${kind} "${name}" twice (also at ${showPath([...at, earlier])}).`,
          hint: `List each ${kind} once.`,
        });
        return;
      }
      if (known.includes(name)) return;
      report({
        code: 'unresolved-reference',
        path: [...at, i],
        message: `${owner} names ${kind} "${name}", which is not defined.`,
        hint: suggestion(name, known, kind),
      });
    });
  s.firewall.allow.forEach((rule, a) => {
    const at = ['spec', 'firewall', 'allow', a];
    refList([...at, 'from'], rule.from, gatewayNames, 'egress gateway', `Allow rule "${rule.name}"`);
    refList([...at, 'to'], rule.to, serviceNames, 'service', `Allow rule "${rule.name}"`);
  });
  refList(['spec', 'firewall', 'protect'], s.firewall.protect, serviceNames, 'service', 'firewall.protect');

  checkAvailabilityZones(spec, report);
}

function roleHint(names: readonly string[], role: Role): string {
  return names.length === 0
    ? `Define a VPC with role: ${role} and name it here.`
    : `Name a VPC with role ${role}: ${[...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(', ')}.`;
}

function checkAvailabilityZones(spec: Spec, report: Report): void {
  const s = spec.spec;
  const zones = s.aws.availabilityZones;
  const use = (path: SpecPath, zone: string) => {
    if (zones.includes(zone)) return;
    report({
      code: 'unresolved-reference',
      path,
      message: `Availability zone "${zone}" is not listed in spec.aws.availabilityZones.`,
      hint: `${suggestion(zone, zones, 'availability zone')} Or add "${zone}" to spec.aws.availabilityZones.`,
    });
  };
  s.vpcs.forEach((vpc, v) => {
    if (vpc.role === 'inspection') vpc.zones.forEach((z, i) => use(['spec', 'vpcs', v, 'zones', i, 'availabilityZone'], z.availabilityZone));
    else vpc.attachmentSubnets.forEach((z, i) => use(['spec', 'vpcs', v, 'attachmentSubnets', i, 'availabilityZone'], z.availabilityZone));
  });
  s.clusters.forEach((cluster, c) =>
    cluster.peeringNodes.forEach((node, n) => use(['spec', 'clusters', c, 'peeringNodes', n, 'availabilityZone'], node.availabilityZone)),
  );
}

interface Named {
  name: string;
  path: SpecPath;
}

function duplicates(items: readonly Named[], kind: string, scope: string, report: Report): void {
  const first = new Map<string, SpecPath>();
  for (const item of items) {
    const seen = first.get(item.name);
    if (!seen) {
      first.set(item.name, item.path);
      continue;
    }
    report({
      code: 'duplicate-name',
      path: item.path,
      message: `${kind} name "${item.name}" is already used at ${showPath(seen)}.`,
      hint: `Names are identities: give each ${kind.toLowerCase()} a distinct name ${scope}.`,
    });
  }
}

export function checkDuplicateNames(spec: Spec, report: Report): void {
  const s = spec.spec;
  const named = <T extends { name: string }>(items: readonly T[], at: SpecPath): Named[] =>
    items.map((item, i) => ({ name: item.name, path: [...at, i, 'name'] }));

  duplicates(
    s.aws.availabilityZones.map((zone, i) => ({ name: zone, path: ['spec', 'aws', 'availabilityZones', i] })),
    'Availability zone',
    'in spec.aws.availabilityZones',
    report,
  );
  duplicates(named(s.vpcs, ['spec', 'vpcs']), 'VPC', 'in the spec', report);
  s.vpcs.forEach((vpc, v) => {
    if (vpc.role !== 'inspection') duplicates(named(vpc.routeTables, ['spec', 'vpcs', v, 'routeTables']), 'Route table', 'within its VPC', report);
  });
  const tgwTables = s.transitGateway.routeTables;
  if (tgwTables.inspection === tgwTables.firewall) {
    report({
      code: 'duplicate-name',
      path: ['spec', 'transitGateway', 'routeTables', 'firewall'],
      message: `Both Transit Gateway route tables are named "${tgwTables.firewall}".`,
      hint: 'The centralised model needs two tables: one for spokes (inspection) and one for the inspection VPC (firewall).',
    });
  }
  duplicates(named(s.clusters, ['spec', 'clusters']), 'Cluster', 'in the spec', report);
  s.clusters.forEach((cluster, c) => {
    duplicates(named(cluster.peeringNodes, ['spec', 'clusters', c, 'peeringNodes']), 'Peering node', 'within its cluster', report);
    duplicates(
      cluster.egressGateways.map((g, i) =>
        g.ipPool.name !== undefined
          ? { name: g.ipPool.name, path: ['spec', 'clusters', c, 'egressGateways', i, 'ipPool', 'name'] }
          : { name: g.name, path: ['spec', 'clusters', c, 'egressGateways', i, 'name'] },
      ),
      'IP pool',
      'within its cluster (a pool without a name is named after its gateway)',
      report,
    );
  });
  duplicates(
    s.clusters.flatMap((cluster, c) => named(cluster.egressGateways, ['spec', 'clusters', c, 'egressGateways'])),
    'Egress gateway',
    'across all clusters (firewall rules refer to gateways by name)',
    report,
  );
  duplicates(named(s.services, ['spec', 'services']), 'Service', 'in the spec', report);
  duplicates(named(s.firewall.allow, ['spec', 'firewall', 'allow']), 'Allow rule', 'in the firewall', report);
}
