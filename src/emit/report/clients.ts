// How the report names an egress gateway's clients: its namespaces, then its single workloads.
import type { EgressGateway } from '../../model/types.js';

export function clientLabels(gateway: EgressGateway): string[] {
  return [...gateway.clients.namespaces, ...gateway.clients.workloads.map((w) => `${w.kind} ${w.namespace}/${w.name}`)];
}
