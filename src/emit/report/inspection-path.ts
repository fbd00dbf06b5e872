// The part both diagrams draw alike: the firewall, the TGW's two route tables and the inspected path
// between them (inspection-rt → firewall → firewall-rt → services).
import type { Topology } from '../../model/types.js';
import { mermaidLabel, type IdRegistry } from './mermaid-syntax.js';

export interface InspectionPath {
  /** the id of inspection-rt's box, where the Connect attachments lead */
  inspectionRt: string;
  /** the firewall's box, inside its VPC's subgraph */
  firewallBox: (indent: string) => string;
  /** the two route tables' boxes, inside the TGW's subgraph */
  routeTableBoxes: (indent: string) => string[];
  /** edges from the Connect attachments' boxes to inspection-rt, through the firewall, to the services' boxes */
  edges: (attachmentIds: readonly string[], serviceIds: readonly string[]) => string[];
}

export function inspectionPath(model: Topology, ids: IdRegistry): InspectionPath {
  const { routeTables } = model.transitGateway;
  const firewall = ids.id('firewall', model.firewall.name);
  const inspectionRt = ids.id('rt', routeTables.inspection);
  const firewallRt = ids.id('rt', routeTables.firewall);
  return {
    inspectionRt,
    firewallBox: (indent) => `${indent}${firewall}[${mermaidLabel(`AWS Network Firewall ${model.firewall.name}`)}]`,
    routeTableBoxes: (indent) => [
      `${indent}${inspectionRt}[${mermaidLabel(`route table ${routeTables.inspection}`)}]`,
      `${indent}${firewallRt}[${mermaidLabel(`route table ${routeTables.firewall}`)}]`,
    ],
    edges: (attachmentIds, serviceIds) => [
      ...attachmentIds.map((id) => `  ${id} --> ${inspectionRt}`),
      `  ${inspectionRt} -->|${mermaidLabel('0.0.0.0/0')}| ${firewall}`,
      `  ${firewall} --> ${firewallRt}`,
      ...serviceIds.map((id) => `  ${firewallRt} --> ${id}`),
    ],
  };
}
