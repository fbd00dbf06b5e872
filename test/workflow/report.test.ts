// REPORT.md: golden files for both fixtures, and hostile names that must not break tables or the diagram.
import { describe, expect, it } from 'vitest';
import { emitReport, renderReport } from '../../src/emit/report/index.js';
import { IdRegistry, mermaidLabel, topologyDiagram } from '../../src/emit/report/mermaid.js';
import { cell, code } from '../../src/emit/report/markdown.js';
import type { Topology } from '../../src/model/types.js';
import { compileFixture } from '../support/fixtures.js';
import { expectGolden } from '../support/golden.js';
import { parseMermaid } from './mermaid-parser.js';

function modelOf(fixture: string): Topology {
  const compiled = compileFixture(`${fixture}/topology.yaml`, { useLock: true });
  if (!compiled.model) throw new Error(`${fixture}: ${JSON.stringify(compiled.diagnostics)}`);
  return compiled.model;
}

/** Mermaid flowchart lines egressc writes: declarations, subgraphs and edges with quoted labels. */
const ID = '[A-Za-z0-9_]+';
const LABEL = '"[^"]*"';
const LINE = new RegExp(
  [
    '^flowchart LR$',
    `^ *subgraph ${ID}\\[${LABEL}\\]$`,
    '^ *end$',
    `^ *${ID}\\[${LABEL}\\]$`,
    `^ *${ID} (-->|==>)(\\|${LABEL}\\|)? ${ID}$`,
  ].join('|'),
);

function mermaidBlock(report: string): string {
  const match = /```mermaid\n([\s\S]*?)```/.exec(report);
  if (!match) throw new Error('no mermaid block');
  return match[1]!;
}

describe('REPORT.md', () => {
  it.each(['seed', 'multi'])('matches the golden file for %s', (fixture) => {
    expectGolden(fixture, emitReport(modelOf(fixture)).artifacts, ['REPORT.md']);
  });

  it('lists every node, gateway and rule of the multi fixture', () => {
    const model = modelOf('multi');
    const report = renderReport(model);
    for (const cluster of model.clusters) {
      for (const node of cluster.nodes) {
        expect(report).toContain(`| ${cluster.name} | ${node.name} | \`${node.connectPeer.insideCidr}\` |`);
        expect(mermaidBlock(report)).toContain(`${node.connectPeer.peerAddress} → ${node.connectPeer.tgwGreAddress}`);
      }
      for (const gateway of cluster.egressGateways) expect(report).toContain(`| ${cluster.name} | ${gateway.name} |`);
    }
    model.firewall.rules.forEach((rule, i) => expect(report).toContain(`| ${i + 1} | ${rule.sid} | ${rule.rev} |`));
  });

  it.each(['seed', 'multi'])("parses with Mermaid's own parser as a flowchart (%s)", async (fixture) => {
    expect(await parseMermaid(mermaidBlock(renderReport(modelOf(fixture))))).toBe('flowchart-v2');
    // the parser is not lenient: a broken diagram is rejected
    await expect(parseMermaid('flowchart LR\n  a["x"] --> b(\n')).rejects.toThrow(/Parse error/);
  });

  it('keeps the diagram valid and the tables intact with hostile names', async () => {
    const model = structuredClone(modelOf('seed'));
    const hostile = 'a"b<c>#d|e] end\n[x';
    model.clusters[0]!.name = hostile;
    model.clusters[0]!.nodes[0]!.name = 'e-nd';
    model.clusters[0]!.nodes[1]!.name = 'e_nd';
    model.clusters[0]!.egressGateways[0]!.clients.namespaces = ['"quoted"', 'x-->y'];
    model.transitGateway.routeTables.inspection = 'rt "1"';
    model.firewall.name = 'fw|1';
    const report = renderReport(model);
    const diagram = mermaidBlock(report).trimEnd().split('\n');
    for (const line of diagram) expect(line, line).toMatch(LINE);
    expect(await parseMermaid(mermaidBlock(report))).toBe('flowchart-v2');
    expect(diagram.filter((l) => /^ *subgraph /.test(l)).length).toBe(diagram.filter((l) => /^ *end$/.test(l)).length);
    const declared = diagram.flatMap((l) => /^ *(?:subgraph )?([A-Za-z0-9_]+)\[/.exec(l)?.[1] ?? []);
    expect(new Set(declared).size).toBe(declared.length);
    // every table row has as many cells as its header
    const rows = report.split('\n').filter((l) => l.startsWith('| '));
    const cellsOf = (row: string): number => row.replace(/\\\|/g, '').split('|').length;
    for (const table of report.split('\n\n').filter((b) => b.startsWith('| '))) {
      const [header, ...rest] = table.trimEnd().split('\n');
      for (const row of rest) expect(cellsOf(row), row).toBe(cellsOf(header!));
    }
    expect(rows.some((r) => r.includes('a"b\\<c\\>#d\\|e\\] end \\[x'))).toBe(true);
  });

  it('escapes labels, cells and code spans', () => {
    expect(mermaidLabel('a"b<c>#&')).toBe('"a#quot;b#lt;c#gt;#35;#amp;"');
    expect(cell('a|b`c')).toBe('a\\|b\\`c');
    expect(code('x`y')).toBe('``x`y``');
    const ids = new IdRegistry();
    expect([ids.id('node', 'a-b'), ids.id('node', 'a_b'), ids.id('node', 'a-b')]).toEqual(['node_a_b', 'node_a_b_2', 'node_a_b']);
  });

  it('is a pure function of the model', () => {
    const model = modelOf('multi');
    expect(renderReport(structuredClone(model))).toBe(renderReport(model));
    expect(topologyDiagram(model)).toBe(mermaidBlock(renderReport(model)));
  });
});
