// Availability zones: of the spec's region, one attachment subnet (or inspection zone) per zone, and
// every peering node in a zone its cluster VPC's attachment reaches (see aws-facts.ts).
import type { SpecPath } from '../diagnostics/types.js';
import type { Spec } from '../spec/schema.js';
import { showPath, type Report } from './context.js';

export function checkZones(spec: Spec, report: Report): void {
  const s = spec.spec;
  const region = s.aws.region;
  s.aws.availabilityZones.forEach((zone, i) => {
    if (zone.slice(0, -1) === region) return;
    report({
      code: 'az-region-mismatch',
      path: ['spec', 'aws', 'availabilityZones', i],
      message: `Availability zone "${zone}" is not in region ${region}.`,
      hint: `Zones of ${region} are named ${region}a, ${region}b, …; fix the zone or spec.aws.region.`,
    });
  });

  const zonesOnce = (items: readonly { availabilityZone: string }[], at: SpecPath, what: string) => {
    const first = new Map<string, SpecPath>();
    items.forEach((item, i) => {
      const path = [...at, i, 'availabilityZone'];
      const seen = first.get(item.availabilityZone);
      if (!seen) {
        first.set(item.availabilityZone, path);
        return;
      }
      report({
        code: 'duplicate-zone',
        path,
        message: `Zone "${item.availabilityZone}" already has ${what} at ${showPath(seen)}.`,
        hint: `A Transit Gateway VPC attachment takes one subnet per availability zone; keep one entry for ${item.availabilityZone}.`,
      });
    });
  };
  s.vpcs.forEach((vpc, v) => {
    if (vpc.role === 'inspection') zonesOnce(vpc.zones, ['spec', 'vpcs', v, 'zones'], 'an entry');
    else zonesOnce(vpc.attachmentSubnets, ['spec', 'vpcs', v, 'attachmentSubnets'], 'an attachment subnet');
  });

  const vpcByName = new Map(s.vpcs.map((vpc) => [vpc.name, vpc] as const));
  s.clusters.forEach((cluster, c) => {
    const vpc = vpcByName.get(cluster.vpc);
    if (vpc?.role !== 'cluster') return; // reported as unresolved-reference or wrong-role
    const attached = new Set(vpc.attachmentSubnets.map((subnet) => subnet.availabilityZone));
    cluster.peeringNodes.forEach((node, n) => {
      const zone = node.availabilityZone;
      if (attached.has(zone) || !s.aws.availabilityZones.includes(zone)) return;
      report({
        code: 'zone-without-attachment',
        path: ['spec', 'clusters', c, 'peeringNodes', n, 'availabilityZone'],
        message: `Node "${node.name}" is in ${zone}, where VPC "${vpc.name}" has no Transit Gateway attachment subnet: its GRE packets cannot reach the Transit Gateway.`,
        hint: `Add {availabilityZone: ${zone}} to the attachmentSubnets of VPC "${vpc.name}", or peer from a node in ${[...attached].sort().join(', ')}.`,
      });
    });
  });
}
