// The cross-references the Terraform module relies on. The checker and the allocator guarantee them for
// a compiled spec; a hand-built or partial model may lack them, and then the emitter reports instead of
// writing a module with dangling references.
import type { Topology } from '../../model/types.js';

export function modelProblems(model: Topology): string[] {
  const problems: string[] = [];
  const roleOf = new Map(model.vpcs.map((v) => [v.name, v.role] as const));
  if (roleOf.get(model.firewall.vpc) !== 'inspection') problems.push(`the firewall's VPC "${model.firewall.vpc}" is not an inspection VPC of the model`);
  for (const cluster of model.clusters) {
    if (roleOf.get(cluster.vpc) !== 'cluster') problems.push(`cluster "${cluster.name}" names VPC "${cluster.vpc}", which is not a cluster VPC of the model`);
    const attachments = new Set(cluster.connectAttachments.map((a) => a.name));
    for (const node of cluster.nodes) {
      if (!attachments.has(node.connectPeer.attachment)) {
        problems.push(`node "${node.name}" of cluster "${cluster.name}" rides on Connect attachment "${node.connectPeer.attachment}", which the cluster does not have`);
      }
    }
  }
  return problems;
}
