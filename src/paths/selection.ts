// Which gateway a client's traffic takes, as Calico will decide it from what the Calico emitter writes:
// a workload's pod-template annotations override its namespace's, and with `selection: policy` only the
// destinations of the gateway's EgressGatewayPolicy go through it. Shared by the emitter and the path model.
import type { Cluster, EgressGateway, Firewall, Ipv4Cidr, WorkloadRef } from '../model/types.js';
import { workloadPatchFileName } from '../render/calico/names.js';

/** Destinations the firewall's allow rules let this gateway reach, with the services behind each. */
export function allowedDestinations(gateway: EgressGateway, firewall: Firewall): Map<Ipv4Cidr, Set<string>> {
  const destinations = new Map<Ipv4Cidr, Set<string>>();
  for (const rule of firewall.rules) {
    if (rule.origin.kind !== 'allow' || rule.origin.gateway !== gateway.name) continue;
    for (const cidr of rule.destinations) {
      const services = destinations.get(cidr) ?? new Set<string>();
      services.add(rule.origin.service);
      destinations.set(cidr, services);
    }
  }
  return destinations;
}

/** Path (under calico/<cluster>/) of the patch that annotates a client workload's pod template. */
export const workloadPatchFile = (workload: WorkloadRef): string =>
  `workload-patches/${workload.namespace}/${workloadPatchFileName(workload.kind, workload.name)}`;

export interface GatewayChoice {
  gateway: EgressGateway;
  /** how the pod is selected: its workload's patch or its namespace's annotations */
  by: 'workload' | 'namespace';
}

/** The gateway whose annotations a pod of `namespace` (and of `workload`, when given) carries, if any. */
export function selectedGateway(cluster: Cluster, namespace: string, workload?: Omit<WorkloadRef, 'namespace'>): GatewayChoice | undefined {
  if (workload) {
    for (const gateway of cluster.egressGateways) {
      const match = gateway.clients.workloads.some((w) => w.namespace === namespace && w.kind === workload.kind && w.name === workload.name);
      if (match) return { gateway, by: 'workload' };
    }
  }
  for (const gateway of cluster.egressGateways) {
    if (gateway.clients.namespaces.includes(namespace)) return { gateway, by: 'namespace' };
  }
  return undefined;
}
