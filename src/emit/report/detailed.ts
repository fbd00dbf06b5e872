// The diagram with a box per peering node and an edge from each egress gateway to each of its cluster's
// nodes: the full picture, for topologies small enough to read it (mermaid.ts decides).
import { clientLabels } from './clients.js';
import type { Cluster, Topology } from '../../model/types.js';
import { inspectionPath } from './inspection-path.js';
import { IdRegistry, mermaidLabel } from './mermaid-syntax.js';

function clusterLines(cluster: Cluster, ids: IdRegistry, indent: string): string[] {
  const lines = [`${indent}subgraph ${ids.id('cluster', cluster.name)}[${mermaidLabel(`cluster ${cluster.name} (AS ${cluster.asNumber})`)}]`];
  for (const gateway of cluster.egressGateways) {
    lines.push(`${indent}  ${ids.id('pods', cluster.name, gateway.name)}[${mermaidLabel(`pods in ${clientLabels(gateway).join(', ')}`)}]`);
    lines.push(`${indent}  ${ids.id('egw', cluster.name, gateway.name)}[${mermaidLabel(`egress gateway ${gateway.name}: ${gateway.pool.cidr}`)}]`);
  }
  for (const node of cluster.nodes) {
    lines.push(`${indent}  ${ids.id('node', cluster.name, node.name)}[${mermaidLabel(`node ${node.name}: ${node.vpcIp}, BGP ${node.connectPeer.nodeBgpAddress}`)}]`);
  }
  lines.push(`${indent}end`);
  return lines;
}

/** The diagram with a box per peering node and an edge from each egress gateway to each node. */
export function detailedDiagram(model: Topology): string {
  const ids = new IdRegistry();
  const tgw = model.transitGateway;
  const inspection = inspectionPath(model, ids);
  const lines = ['flowchart LR'];

  for (const vpc of model.vpcs) {
    lines.push(`  subgraph ${ids.id('vpc', vpc.name)}[${mermaidLabel(`VPC ${vpc.name} (${vpc.role}) ${vpc.cidr}`)}]`);
    if (vpc.role === 'cluster') {
      for (const cluster of model.clusters.filter((c) => c.vpc === vpc.name)) lines.push(...clusterLines(cluster, ids, '    '));
    }
    if (vpc.name === model.firewall.vpc) lines.push(inspection.firewallBox('    '));
    for (const service of model.services.filter((s) => s.vpc === vpc.name)) {
      const ports = service.ports.map((p) => `${p.protocol}/${p.port}`).join(', ');
      lines.push(`    ${ids.id('service', service.name)}[${mermaidLabel(`service ${service.name}: ${service.addresses.join(', ')} ${ports}`)}]`);
    }
    lines.push('  end');
  }

  lines.push(`  subgraph ${ids.id('tgw', tgw.name)}[${mermaidLabel(`Transit Gateway ${tgw.name} (AS ${tgw.amazonSideAsn})`)}]`);
  for (const cluster of model.clusters) {
    for (const attachment of cluster.connectAttachments) {
      lines.push(`    ${ids.id('attachment', attachment.name)}[${mermaidLabel(`Connect attachment ${attachment.name}`)}]`);
    }
  }
  lines.push(...inspection.routeTableBoxes('    '));
  lines.push('  end');

  // the egress path: pod → egress gateway → node → GRE → TGW → inspection-rt → firewall → firewall-rt → service
  for (const cluster of model.clusters) {
    for (const gateway of cluster.egressGateways) {
      const egw = ids.id('egw', cluster.name, gateway.name);
      lines.push(`  ${ids.id('pods', cluster.name, gateway.name)} --> ${egw}`);
      for (const node of cluster.nodes) lines.push(`  ${egw} --> ${ids.id('node', cluster.name, node.name)}`);
    }
    for (const node of cluster.nodes) {
      const peer = node.connectPeer;
      const label = mermaidLabel(`GRE ${node.tunnel.interfaceName} ${peer.peerAddress} → ${peer.tgwGreAddress}, ${peer.insideCidr}`);
      lines.push(`  ${ids.id('node', cluster.name, node.name)} ==>|${label}| ${ids.id('attachment', peer.attachment)}`);
    }
    for (const attachment of cluster.connectAttachments) lines.push(`  ${ids.id('attachment', attachment.name)} --> ${inspection.inspectionRt}`);
  }
  lines.push(...inspection.edges([], model.services.map((service) => ids.id('service', service.name))));
  return `${lines.join('\n')}\n`;
}
