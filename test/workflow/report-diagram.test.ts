// REPORT.md's diagram is drawn at every size: Mermaid (default limits: 50,000 characters, 500 edges)
// renders it for the fixtures, for the benchmark's 60- and 5,000-node specs and for a topology of many
// clusters; past a readable size the nodes are grouped and the tables keep every node.
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { makeSpec } from '../../bench/generate-spec.js';
import { compile } from '../../src/compile.js';
import { renderReport } from '../../src/emit/report/index.js';
import { detailedDiagram } from '../../src/emit/report/detailed.js';
import { chooseDiagram } from '../../src/emit/report/mermaid.js';
import { edgeCount, MERMAID_DEFAULT_LIMITS } from '../../src/emit/report/mermaid-syntax.js';
import type { Topology } from '../../src/model/types.js';
import { compileFixture } from '../support/fixtures.js';
import { renderMermaid } from './mermaid-parser.js';

function fixtureModel(fixture: string): Topology {
  const compiled = compileFixture(`${fixture}/topology.yaml`, { useLock: true });
  if (!compiled.model) throw new Error(`${fixture}: ${JSON.stringify(compiled.diagnostics)}`);
  return compiled.model;
}

function generatedModel(nodes: number): Topology {
  const compiled = compile({ spec: { path: 'bench.yaml', text: stringify(makeSpec({ nodes })) }, files: new Map() });
  if (!compiled.model) throw new Error(JSON.stringify(compiled.diagnostics.filter((d) => d.severity === 'error')));
  return compiled.model;
}

const mermaidBlock = (report: string): string => /```mermaid\n([\s\S]*?)```/.exec(report)![1]!;

function expectWithinDefaults(diagram: string): void {
  expect(diagram.length).toBeLessThanOrEqual(MERMAID_DEFAULT_LIMITS.maxTextSize);
  expect(edgeCount(diagram)).toBeLessThanOrEqual(MERMAID_DEFAULT_LIMITS.maxEdges);
}

describe('REPORT.md diagram under Mermaid default limits', () => {
  it.each(['seed', 'multi'])('draws every node of %s', async (fixture) => {
    const model = fixtureModel(fixture);
    expect(chooseDiagram(model).detail).toBe('node');
    const svg = await renderMermaid(mermaidBlock(renderReport(model)));
    for (const node of model.clusters.flatMap((c) => c.nodes)) expect(svg).toContain(`node ${node.name}: ${node.vpcIp}`);
  });

  // the limits are enforced by the renderer used here, so the tests below can fail
  it('refuses what GitHub would not draw: too many edges, too much text', async () => {
    const model = generatedModel(60);
    const hairball = detailedDiagram(model);
    expect(edgeCount(hairball)).toBeGreaterThan(MERMAID_DEFAULT_LIMITS.maxEdges);
    await expect(renderMermaid(hairball)).rejects.toThrow(/Edge limit exceeded/);
    const wordy = `flowchart LR\n  a["${'x'.repeat(MERMAID_DEFAULT_LIMITS.maxTextSize)}"] --> b\n`;
    await expect(renderMermaid(wordy)).rejects.toThrow(/Maximum text size/);
  });

  it.each([60, 5000])('groups %i peering nodes per availability zone, with counts; the tables list each node', async (nodes) => {
    const model = generatedModel(nodes);
    const report = renderReport(model);
    const diagram = mermaidBlock(report);
    expect(chooseDiagram(model).detail).toBe('zone');
    expectWithinDefaults(diagram);
    const svg = await renderMermaid(diagram);
    for (const zone of model.aws.availabilityZones) {
      const count = model.clusters[0]!.nodes.filter((n) => n.availabilityZone === zone).length;
      expect(svg).toContain(`${count.toLocaleString('en-US')} peering nodes in ${zone}`);
    }
    expect(svg).toContain(`${model.clusters[0]!.connectAttachments.length.toLocaleString('en-US')} Connect attachments of cluster big`);
    expect(report).toContain(`groups the ${nodes.toLocaleString('en-US')} peering nodes per cluster and availability zone`);
    for (const node of model.clusters[0]!.nodes) expect(report).toContain(`| big | ${node.name} | \`${node.connectPeer.insideCidr}\` |`);
  });

  it('stays within the limits with hundreds of clusters', async () => {
    const model = generatedModel(60);
    const template = model.clusters[0]!;
    // 400 clusters of 60 nodes in one VPC: more than any grouping per cluster can draw in 500 edges
    model.clusters = Array.from({ length: 400 }, (_, i) => ({ ...template, name: `c${i}`, connectAttachments: template.connectAttachments.map((a) => ({ ...a, name: `c${i}-${a.name}` })) }));
    const { detail, text } = chooseDiagram(model);
    expect(detail).toBe('vpc');
    expectWithinDefaults(text);
    expect(await renderMermaid(text)).toContain('400 clusters: 24,000 peering nodes, 4,000 egress gateways');
  });
});
