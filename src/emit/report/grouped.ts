// The diagram for topologies too large to draw node by node: peering nodes are grouped (per availability
// zone of each cluster, or per cluster, or per cluster VPC) with counts, Connect attachments per cluster,
// and long lists of egress gateways or services become one box with a count. The same path is drawn:
// pods → egress gateway → nodes → GRE → Connect attachments → inspection route table → firewall →
// firewall route table → services. The REPORT.md tables keep every detail.
import type { Cluster, EgressGateway, Service, Topology } from '../../model/types.js';
import { clientLabels } from './clients.js';
import { inspectionPath } from './inspection-path.js';
import { IdRegistry, mermaidLabel } from './mermaid-syntax.js';

/** how far peering nodes (and the things around them) are grouped */
export type Grouping = 'zone' | 'cluster' | 'vpc';

/** Gateways or services of one cluster or VPC drawn one by one up to this many; past it, one box. */
const LISTED_AT_MOST = 8;

const plural = (count: number, one: string, many = `${one}s`): string => `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;

/** first and last of a list, for a group's label: "egw-0 … egw-41" */
const span = (names: readonly string[]): string => {
  const sorted = [...names].sort();
  return sorted.length <= 2 ? sorted.join(', ') : `${sorted[0]} … ${sorted[sorted.length - 1]}`;
};

/** node counts per availability zone, by zone name */
function zonesOf(cluster: Cluster): [string, number][] {
  const counts = new Map<string, number>();
  for (const node of cluster.nodes) counts.set(node.availabilityZone, (counts.get(node.availabilityZone) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

interface GatewayBoxes {
  /** box id of each drawn gateway (or of the one group box) */
  gateways: { pods: string; gateway: string }[];
  lines: string[];
}

function gatewayBoxes(cluster: Cluster, ids: IdRegistry, indent: string, listed: boolean): GatewayBoxes {
  const gateways = cluster.egressGateways;
  if (gateways.length === 0) return { gateways: [], lines: [] };
  if (listed && gateways.length <= LISTED_AT_MOST) {
    const lines: string[] = [];
    const boxes = gateways.map((gateway: EgressGateway) => {
      const pods = ids.id('pods', cluster.name, gateway.name);
      const egw = ids.id('egw', cluster.name, gateway.name);
      lines.push(`${indent}${pods}[${mermaidLabel(`pods in ${clientLabels(gateway).join(', ')}`)}]`);
      lines.push(`${indent}${egw}[${mermaidLabel(`egress gateway ${gateway.name}: ${gateway.pool.cidr}`)}]`);
      return { pods, gateway: egw };
    });
    return { gateways: boxes, lines };
  }
  const pods = ids.id('pods', cluster.name);
  const egw = ids.id('egws', cluster.name);
  const clients = gateways.flatMap(clientLabels);
  return {
    gateways: [{ pods, gateway: egw }],
    lines: [
      `${indent}${pods}[${mermaidLabel(`pods of ${plural(clients.length, 'client')}`)}]`,
      `${indent}${egw}[${mermaidLabel(`${plural(gateways.length, 'egress gateway')}: ${span(gateways.map((g) => g.name))}`)}]`,
    ],
  };
}

function serviceBoxes(services: readonly Service[], vpc: string, ids: IdRegistry, indent: string, listed: boolean): { ids: string[]; lines: string[] } {
  if (services.length === 0) return { ids: [], lines: [] };
  if (listed && services.length <= LISTED_AT_MOST) {
    const lines = services.map((service) => {
      const ports = service.ports.map((p) => `${p.protocol}/${p.port}`).join(', ');
      return `${indent}${ids.id('service', service.name)}[${mermaidLabel(`service ${service.name}: ${service.addresses.join(', ')} ${ports}`)}]`;
    });
    return { ids: services.map((s) => ids.id('service', s.name)), lines };
  }
  const id = ids.id('services', vpc);
  return { ids: [id], lines: [`${indent}${id}[${mermaidLabel(`${plural(services.length, 'protected service')}: ${span(services.map((s) => s.name))}`)}]`] };
}

export function groupedDiagram(model: Topology, grouping: Grouping): string {
  const ids = new IdRegistry();
  const tgw = model.transitGateway;
  const inspection = inspectionPath(model, ids);
  const lines = ['flowchart LR'];
  const edges: string[] = [];
  const serviceIds: string[] = [];
  /** per cluster (or cluster VPC): the box its GRE tunnels end in */
  const attachmentBoxes: { id: string; label: string }[] = [];
  const listed = grouping === 'zone';

  for (const vpc of model.vpcs) {
    lines.push(`  subgraph ${ids.id('vpc', vpc.name)}[${mermaidLabel(`VPC ${vpc.name} (${vpc.role}) ${vpc.cidr}`)}]`);
    const clusters = vpc.role === 'cluster' ? model.clusters.filter((c) => c.vpc === vpc.name) : [];
    if (grouping === 'vpc' && clusters.length > 0) {
      const nodes = clusters.reduce((n, c) => n + c.nodes.length, 0);
      const gateways = clusters.reduce((n, c) => n + c.egressGateways.length, 0);
      const attachments = clusters.reduce((n, c) => n + c.connectAttachments.length, 0);
      const box = ids.id('clusters', vpc.name);
      const attachmentBox = ids.id('attachments', vpc.name);
      lines.push(`    ${box}[${mermaidLabel(`${plural(clusters.length, 'cluster')}: ${plural(nodes, 'peering node')}, ${plural(gateways, 'egress gateway')}`)}]`);
      attachmentBoxes.push({ id: attachmentBox, label: `${plural(attachments, 'Connect attachment')} of VPC ${vpc.name}` });
      edges.push(`  ${box} ==>|${mermaidLabel(plural(nodes, 'GRE tunnel'))}| ${attachmentBox}`);
    }
    for (const cluster of grouping === 'vpc' ? [] : clusters) {
      const zones = zonesOf(cluster);
      lines.push(`    subgraph ${ids.id('cluster', cluster.name)}[${mermaidLabel(`cluster ${cluster.name} (AS ${cluster.asNumber}): ${plural(cluster.nodes.length, 'peering node')}`)}]`);
      const { gateways, lines: gatewayLines } = gatewayBoxes(cluster, ids, '      ', listed);
      lines.push(...gatewayLines);
      const nodeBoxes =
        grouping === 'zone'
          ? zones.map(([zone, count]) => ({ id: ids.id('nodes', cluster.name, zone), label: `${plural(count, 'peering node')} in ${zone}`, count }))
          : [{ id: ids.id('nodes', cluster.name), label: `${plural(cluster.nodes.length, 'peering node')} in ${plural(zones.length, 'zone')}`, count: cluster.nodes.length }];
      for (const box of nodeBoxes) lines.push(`      ${box.id}[${mermaidLabel(box.label)}]`);
      lines.push('    end');
      const attachmentBox = ids.id('attachments', cluster.name);
      attachmentBoxes.push({ id: attachmentBox, label: `${plural(cluster.connectAttachments.length, 'Connect attachment')} of cluster ${cluster.name}` });
      for (const { pods, gateway } of gateways) {
        edges.push(`  ${pods} --> ${gateway}`);
        for (const box of nodeBoxes) edges.push(`  ${gateway} --> ${box.id}`);
      }
      for (const box of nodeBoxes) edges.push(`  ${box.id} ==>|${mermaidLabel(plural(box.count, 'GRE tunnel'))}| ${attachmentBox}`);
    }
    if (vpc.name === model.firewall.vpc) lines.push(inspection.firewallBox('    '));
    const services = serviceBoxes(
      model.services.filter((s) => s.vpc === vpc.name),
      vpc.name,
      ids,
      '    ',
      listed,
    );
    lines.push(...services.lines);
    serviceIds.push(...services.ids);
    lines.push('  end');
  }

  lines.push(`  subgraph ${ids.id('tgw', tgw.name)}[${mermaidLabel(`Transit Gateway ${tgw.name} (AS ${tgw.amazonSideAsn}), inside /29s from ${tgw.insideCidrPool}`)}]`);
  for (const box of attachmentBoxes) lines.push(`    ${box.id}[${mermaidLabel(box.label)}]`);
  lines.push(...inspection.routeTableBoxes('    '));
  lines.push('  end');

  edges.push(...inspection.edges(attachmentBoxes.map((box) => box.id), serviceIds));
  return `${[...lines, ...edges].join('\n')}\n`;
}
