// The client side of the egress gateways: Namespace manifests carrying the egress annotations, and,
// for `selection: policy`, an EgressGatewayPolicy that sends only the addresses of the services the
// firewall lets this gateway reach through it (everything else is routed normally).
// The gateways' own namespaces are emitted too, so that the EgressGateway objects can be applied.
import type { Cluster, EgressGateway, Firewall, WorkloadRef } from '../../model/types.js';
import { allowedDestinations, workloadPatchFile } from '../../paths/selection.js';
import {
  ANNOTATION_NAMESPACE_SELECTOR,
  ANNOTATION_POLICY,
  ANNOTATION_SELECTOR,
  PROJECTCALICO_V3,
  gatewayPolicyName,
  gatewaySelector,
  namespaceSelector,
} from '../../render/calico/names.js';
import type { Manifest } from './manifest.js';

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function clientAnnotations(gateway: EgressGateway, clientNamespace: string): Record<string, string> {
  if (gateway.clients.selection === 'policy') return { [ANNOTATION_POLICY]: gatewayPolicyName(gateway) };
  return {
    [ANNOTATION_SELECTOR]: gatewaySelector(gateway),
    // without a namespace selector Calico only looks for gateways in the client's own namespace
    ...(gateway.namespace !== clientNamespace ? { [ANNOTATION_NAMESPACE_SELECTOR]: namespaceSelector(gateway.namespace) } : {}),
  };
}

/** The checks (check/egress-clients.ts) make sure a namespace is the client of one gateway only. */
export function clientNamespaces(cluster: Cluster): Manifest[] {
  const annotations = new Map<string, Record<string, string>>();
  for (const gateway of cluster.egressGateways) {
    if (!annotations.has(gateway.namespace)) annotations.set(gateway.namespace, {});
    for (const client of gateway.clients.namespaces) {
      annotations.set(client, { ...annotations.get(client), ...clientAnnotations(gateway, client) });
    }
  }
  return [...annotations.keys()].sort(byString).map(
    (name): Manifest => {
      const values = annotations.get(name) ?? {};
      return {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name, ...(Object.keys(values).length > 0 ? { annotations: values } : {}) },
      };
    },
  );
}

/** A strategic merge patch putting the egress annotations on a workload's pod template. */
export interface WorkloadPatch {
  /** file name below the cluster directory */
  file: string;
  /** the kubectl command that applies it */
  command: string;
  patch: { spec: { template: { metadata: { annotations: Record<string, string> } } } };
}

export function workloadPatches(cluster: Cluster): WorkloadPatch[] {
  return cluster.egressGateways
    .flatMap((gateway) => gateway.clients.workloads.map((workload): [EgressGateway, WorkloadRef] => [gateway, workload]))
    .map(([gateway, workload]) => {
      const file = workloadPatchFile(workload);
      return {
        file,
        command: `kubectl patch ${workload.kind.toLowerCase()} ${workload.name} -n ${workload.namespace} --type strategic --patch-file ${file}`,
        patch: { spec: { template: { metadata: { annotations: clientAnnotations(gateway, workload.namespace) } } } },
      };
    })
    .sort((a, b) => byString(a.file, b.file));
}

const DEFAULT_ROUTE = '0.0.0.0/0';

/** A gateway with selection: policy that no allow rule names gets a policy of normal routing only (check/egress-clients.ts warns). */
export function gatewayPolicies(cluster: Cluster, firewall: Firewall): Manifest[] {
  const policies: Manifest[] = [];
  cluster.egressGateways.forEach((gateway) => {
    if (gateway.clients.selection !== 'policy') return;
    const destinations = allowedDestinations(gateway, firewall);
    const viaGateway = [...destinations.keys()].sort(byString).map((cidr) => ({
      description: `${[...(destinations.get(cidr) ?? [])].sort(byString).join(', ')} through egress gateway ${gateway.name}`,
      destination: { cidr },
      gateway: { selector: gatewaySelector(gateway), namespaceSelector: namespaceSelector(gateway.namespace) },
    }));
    // Explicit last rule: every other destination is routed normally, not through the gateway.
    const normal = destinations.has(DEFAULT_ROUTE) ? [] : [{ description: 'all other destinations: normal routing', destination: { cidr: DEFAULT_ROUTE } }];
    policies.push({
      apiVersion: PROJECTCALICO_V3,
      kind: 'EgressGatewayPolicy',
      metadata: { name: gatewayPolicyName(gateway) },
      spec: { rules: [...viaGateway, ...normal] },
    });
  });
  return policies;
}
