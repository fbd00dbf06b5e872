// The flows a spec names: from every client namespace and workload, every peering node, to every port
// of every service. Their verdicts are what `egressc diff` compares between builds and what the model
// checks look at.
import type { Service, Topology } from '../model/types.js';
import { sourceText, targetText, type SourceRef, type TargetRef } from './endpoints.js';
import { combinedVerdict, outcomeTracer, type FlowOutcome } from './trace.js';

export interface NamedFlow {
  /** e.g. "ns/app → service/database:5432/tcp" */
  key: string;
  from: SourceRef;
  to: TargetRef;
  /** what each address of the target decides (the hops are left out: trace() gives them) */
  traces: FlowOutcome[];
  /** one line, e.g. "allowed", "dropped by sid 1000002" */
  verdict: string;
}

export function namedSources(model: Topology): SourceRef[] {
  const sources: SourceRef[] = [];
  const seen = new Set<string>();
  const add = (ref: SourceRef, cluster: string): void => {
    const text = sourceText(model, ref, cluster);
    if (seen.has(text)) return;
    seen.add(text);
    sources.push(ref);
  };
  for (const cluster of model.clusters) {
    const scoped = model.clusters.length > 1 ? { cluster: cluster.name } : {};
    for (const gateway of cluster.egressGateways) {
      for (const namespace of gateway.clients.namespaces) add({ kind: 'namespace', ...scoped, namespace }, cluster.name);
      for (const workload of gateway.clients.workloads) add({ kind: 'workload', ...scoped, workload }, cluster.name);
    }
    for (const node of cluster.nodes) add({ kind: 'node', ...scoped, node: node.name }, cluster.name);
  }
  return sources;
}

export function namedTargets(model: Topology): TargetRef[] {
  return model.services.flatMap((service) => service.ports.map((p): TargetRef => ({ kind: 'service', service: service.name, port: p.port, protocol: p.protocol })));
}

/** Every named source to every service port, traced; in a stable order (sources, then targets, as in the spec). */
/** Per model, computed once: build checks the flows and records them for diff (each trace walks the path). */
const flowsOf = new WeakMap<Topology, readonly NamedFlow[]>();

export function namedFlows(model: Topology): readonly NamedFlow[] {
  let flows = flowsOf.get(model);
  if (!flows) {
    flows = computeNamedFlows(model);
    flowsOf.set(model, flows);
  }
  return flows;
}

function computeNamedFlows(model: Topology): NamedFlow[] {
  const flows: NamedFlow[] = [];
  const trace = outcomeTracer(model);
  const services = new Map<string, Service>();
  for (const service of model.services) if (!services.has(service.name)) services.set(service.name, service);
  const targets = namedTargets(model).flatMap((to) => {
    const service = to.kind === 'service' ? services.get(to.service) : undefined;
    return service ? [{ to, text: targetText(to), resolved: { service, addresses: service.addresses, port: to.port, protocol: to.protocol } }] : [];
  });
  for (const from of namedSources(model)) {
    const cluster = 'cluster' in from ? from.cluster : undefined;
    const source = sourceText(model, from, cluster);
    for (const { to, text, resolved } of targets) {
      const result = trace(from, resolved);
      if (!result.ok) continue;
      flows.push({ key: `${source} → ${text}`, from, to, traces: result.traces, verdict: combinedVerdict(result.traces) });
    }
  }
  return flows;
}
