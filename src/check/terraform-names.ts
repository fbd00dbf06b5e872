// Two spec objects must not map to one Terraform address: spec names are joined with "_" for "-", so
// e.g. cluster "payments" node "a-b" and cluster "payments-a" node "b" would share a Connect peer.
// Which addresses clash is found by the Terraform module's own builder (passed in as data by
// src/analyze.ts, so the rule and the naming cannot drift apart); each clash is reported at every spec
// object involved, naming the others and where they are written, as the duplicate checks do.
import type { SpecPath } from '../diagnostics/types.js';
import type { NameClash, NameSource } from '../render/terraform/names.js';
import type { Spec } from '../spec/schema.js';
import { showPath, type CheckContext, type Report } from './context.js';

/** Where the spec writes the name a Terraform name is derived from (its nearest part when not found). */
function sourcePath(spec: Spec, source: NameSource): SpecPath {
  const s = spec.spec;
  const vpcAt = (name: string): number => s.vpcs.findIndex((v) => v.name === name);
  const clusterAt = (name: string): number => s.clusters.findIndex((c) => c.name === name);
  switch (source.kind) {
    case 'transitGateway':
      return ['spec', 'transitGateway', 'name'];
    case 'tgwRouteTable':
      return ['spec', 'transitGateway', 'routeTables', s.transitGateway.routeTables.inspection === source.table ? 'inspection' : 'firewall'];
    case 'vpc':
      return ['spec', 'vpcs', vpcAt(source.vpc), 'name'];
    case 'routeTable': {
      const v = vpcAt(source.vpc);
      const vpc = s.vpcs[v];
      const tables = vpc && vpc.role !== 'inspection' ? vpc.routeTables : [];
      return ['spec', 'vpcs', v, 'routeTables', tables.findIndex((t) => t.name === source.table), 'name'];
    }
    case 'zone': {
      const v = vpcAt(source.vpc);
      const vpc = s.vpcs[v];
      if (vpc?.role === 'inspection') return ['spec', 'vpcs', v, 'zones', vpc.zones.findIndex((z) => z.availabilityZone === source.zone), 'availabilityZone'];
      const subnets = vpc?.attachmentSubnets ?? [];
      return ['spec', 'vpcs', v, 'attachmentSubnets', subnets.findIndex((z) => z.availabilityZone === source.zone), 'availabilityZone'];
    }
    case 'cluster':
      return ['spec', 'clusters', clusterAt(source.cluster), 'name'];
    case 'peeringNode': {
      const c = clusterAt(source.cluster);
      const nodes = s.clusters[c]?.peeringNodes ?? [];
      return ['spec', 'clusters', c, 'peeringNodes', nodes.findIndex((n) => n.name === source.node), 'name'];
    }
    case 'firewall':
      return ['spec', 'firewall', 'name'];
    case 'ruleGroup':
      return ['spec', 'firewall', 'ruleGroup', 'name'];
  }
}

export function checkTerraformNames(spec: Spec, clashes: readonly NameClash[], context: CheckContext, report: Report): void {
  for (const clash of clashes) {
    const owners = clash.owners.map((owner) => ({ ...owner, path: sourcePath(spec, owner.source) }));
    for (const owner of owners) {
      const others = owners
        .filter((other) => other !== owner)
        .map((other) => {
          const line = context.locator.value(other.path)?.start.line;
          return `${other.what} (${showPath(other.path)}${line === undefined ? '' : `, line ${line}`})`;
        });
      report({
        code: 'terraform-name-clash',
        path: owner.path,
        message: `${owner.what[0]?.toUpperCase() ?? ''}${owner.what.slice(1)} has the Terraform name ${clash.address}, and so has ${others.join(' and ')}.`,
        hint: 'Rename one of them in the spec; Terraform names are the spec names with "-" turned into "_".',
      });
    }
  }
}
