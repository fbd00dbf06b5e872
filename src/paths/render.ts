// A trace as text (for people and pull-request comments) and as JSON (for tools).
import type { FlowTrace, Hop } from './trace.js';
import { verdictText } from './trace.js';

function hopLines(hops: readonly Hop[]): string[] {
  return hops.flatMap((hop, index) => [
    `  ${String(index + 1).padStart(2)}. ${hop.at}: ${hop.decision}`,
    ...(hop.decidedBy ? [`      ${hop.decidedBy.artifact}  ${hop.decidedBy.resource}`] : []),
  ]);
}

export function renderTraceText(from: string, to: string, traces: readonly FlowTrace[]): string {
  const blocks = traces.map((trace) => {
    const gateway = trace.gateway ? ` through egress gateway ${trace.gateway.name}` : '';
    const notes = [
      ...(trace.relayed ? ['note: replies may enter the cluster through a peer that does not host the gateway and are relayed inside the cluster'] : []),
      ...(trace.dependsOnUndocumented ? ['warning: part of this return path depends on undocumented Transit Gateway behaviour (a third-party BGP NEXT_HOP; aws.md A.1)'] : []),
    ];
    return [
      `${from} → ${to}${trace.service ? ` (${trace.destination})` : ''}`,
      `source address: ${trace.sourceCidr}${gateway}`,
      'forward:',
      ...hopLines(trace.hops.filter((h) => h.direction === 'forward')),
      ...(trace.hops.some((h) => h.direction === 'return') ? ['return:', ...hopLines(trace.hops.filter((h) => h.direction === 'return'))] : []),
      ...notes,
      `verdict: ${verdictText(trace.verdict)}`,
    ].join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}

export function traceJson(from: string, to: string, traces: readonly FlowTrace[]): object {
  return { from, to, traces: traces.map((t) => ({ ...t, verdictText: verdictText(t.verdict) })) };
}
