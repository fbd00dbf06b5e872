// The client side of the egress gateways: Namespace manifests carrying the egress annotations, and,
// for `selection: policy`, an EgressGatewayPolicy that sends only the addresses of the services the
// firewall lets this gateway reach through it (everything else is routed normally).
// The gateways' own namespaces are emitted too, so that the EgressGateway objects can be applied.
import type { Diagnostic } from '../../diagnostics/types.js';
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
} from './names.js';
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

export interface ClientNamespaces {
  namespaces: Manifest[];
  diagnostics: Diagnostic[];
}

export function clientNamespaces(cluster: Cluster, clusterIndex: number): ClientNamespaces {
  const owner = new Map<string, EgressGateway>();
  const annotations = new Map<string, Record<string, string>>();
  const diagnostics: Diagnostic[] = [];
  for (const gateway of cluster.egressGateways) {
    if (!annotations.has(gateway.namespace)) annotations.set(gateway.namespace, {});
    for (const client of gateway.clients.namespaces) {
      const previous = owner.get(client);
      if (previous && previous.name !== gateway.name) {
        diagnostics.push({
          code: 'calico-namespace-two-gateways',
          severity: 'error',
          message: `namespace "${client}" of cluster "${cluster.name}" is a client of both egress gateways "${previous.name}" and "${gateway.name}"; a namespace's egress annotations can name only one`,
          hint: `list "${client}" under clients.namespaces of only one gateway`,
          path: ['spec', 'clusters', clusterIndex, 'egressGateways'],
        });
        continue;
      }
      owner.set(client, gateway);
      annotations.set(client, { ...annotations.get(client), ...clientAnnotations(gateway, client) });
    }
  }
  const namespaces = [...annotations.keys()].sort(byString).map(
    (name): Manifest => {
      const values = annotations.get(name) ?? {};
      return {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name, ...(Object.keys(values).length > 0 ? { annotations: values } : {}) },
      };
    },
  );
  return { namespaces, diagnostics };
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

export interface GatewayPolicies {
  policies: Manifest[];
  diagnostics: Diagnostic[];
}

export function gatewayPolicies(cluster: Cluster, clusterIndex: number, firewall: Firewall): GatewayPolicies {
  const policies: Manifest[] = [];
  const diagnostics: Diagnostic[] = [];
  cluster.egressGateways.forEach((gateway) => {
    if (gateway.clients.selection !== 'policy') return;
    const destinations = allowedDestinations(gateway, firewall);
    if (destinations.size === 0) {
      diagnostics.push({
        code: 'calico-policy-without-destinations',
        severity: 'warning',
        message: `egress gateway "${gateway.name}" uses selection: policy, but no firewall allow rule names it, so its EgressGatewayPolicy sends nothing through it`,
        hint: `add an entry to spec.firewall.allow with from: [${gateway.name}], or use selection: annotation`,
        path: ['spec', 'clusters', clusterIndex, 'egressGateways', gateway.specIndex, 'clients', 'selection'],
      });
    }
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
  return { policies, diagnostics };
}
