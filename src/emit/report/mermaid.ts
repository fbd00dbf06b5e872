// The topology as a Mermaid flowchart (GitHub renders ```mermaid blocks). Node ids are sanitized and
// made unique; every label is quoted with Mermaid's entity escapes, so spec names cannot break it.
// Every peering node gets its own box while the picture stays readable; past that the nodes are grouped
// (per availability zone, per cluster, per cluster VPC: the first that is readable), so the diagram stays
// within Mermaid's default limits at any size and the REPORT.md tables keep the detail.
import type { Topology } from '../../model/types.js';
import { detailedDiagram } from './detailed.js';
import { groupedDiagram, type Grouping } from './grouped.js';
import { edgeCount, MERMAID_DEFAULT_LIMITS } from './mermaid-syntax.js';

export { IdRegistry, mermaidLabel } from './mermaid-syntax.js';

/** Past this a flowchart is a hairball: every gateway fans out to every node. */
export const READABLE = { edges: 100, textSize: 20_000 } as const;

export type DiagramDetail = 'node' | Grouping;

/** Edges of the detailed diagram, counted without drawing it (it grows with gateways × nodes). */
function detailedEdgeCount(model: Topology): number {
  const perCluster = model.clusters.reduce((n, c) => n + c.egressGateways.length * (1 + c.nodes.length) + c.nodes.length + c.connectAttachments.length, 0);
  return perCluster + 2 + model.services.length;
}

const fits = (diagram: string, limit: { edges: number; textSize: number }): boolean => diagram.length <= limit.textSize && edgeCount(diagram) <= limit.edges;

/** The most detailed diagram that is readable, else the most detailed one Mermaid draws, else the coarsest. */
export function chooseDiagram(model: Topology): { detail: DiagramDetail; text: string } {
  if (detailedEdgeCount(model) <= READABLE.edges) {
    const text = detailedDiagram(model);
    if (fits(text, READABLE)) return { detail: 'node', text };
  }
  const grouped = (['zone', 'cluster', 'vpc'] as const).map((grouping) => ({ detail: grouping, text: groupedDiagram(model, grouping) }));
  const mermaidLimits = { edges: MERMAID_DEFAULT_LIMITS.maxEdges, textSize: MERMAID_DEFAULT_LIMITS.maxTextSize };
  return grouped.find((d) => fits(d.text, READABLE)) ?? grouped.find((d) => fits(d.text, mermaidLimits)) ?? grouped[grouped.length - 1]!;
}

export const topologyDiagram = (model: Topology): string => chooseDiagram(model).text;
