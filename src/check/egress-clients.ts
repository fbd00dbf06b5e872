// Who uses which egress gateway: every gateway has clients, and a namespace or workload is the
// client of one gateway only (its egress annotations can name just one).
import type { SpecPath } from '../diagnostics/types.js';
import type { Topology } from '../model/types.js';
import type { Spec } from '../spec/schema.js';
import { showPath, type Report } from './context.js';

export function checkEgressClients(spec: Spec, report: Report): void {
  spec.spec.clusters.forEach((cluster, c) => {
    const clientOf = new Map<string, { gateway: string; path: SpecPath }>();
    const claim = (client: string, label: string, gateway: string, path: SpecPath): void => {
      const first = clientOf.get(client);
      if (!first) {
        clientOf.set(client, { gateway, path });
        return;
      }
      report({
        code: 'client-two-gateways',
        path,
        message:
          first.gateway === gateway
            ? `${label} is listed twice as a client of egress gateway "${gateway}" (also at ${showPath(first.path)}).`
            : `${label} is a client of egress gateway "${gateway}" and already of "${first.gateway}" (${showPath(first.path)}).`,
        hint: 'Pods leave through one egress gateway: list each client once, under one gateway.',
      });
    };
    cluster.egressGateways.forEach((gateway, g) => {
      const at = ['spec', 'clusters', c, 'egressGateways', g, 'clients'];
      if (gateway.clients.namespaces.length === 0 && gateway.clients.workloads.length === 0) {
        report({
          code: 'clients-empty',
          path: at,
          atKey: true,
          message: `Egress gateway "${gateway.name}" has no clients: no pod would use it.`,
          hint: 'List client namespaces under clients.namespaces, or single workloads under clients.workloads.',
        });
      }
      gateway.clients.namespaces.forEach((namespace, n) => claim(`namespace/${namespace}`, `Namespace "${namespace}"`, gateway.name, [...at, 'namespaces', n]));
      gateway.clients.workloads.forEach((w, i) =>
        claim(`${w.kind}/${w.namespace}/${w.name}`, `${w.kind} "${w.namespace}/${w.name}"`, gateway.name, [...at, 'workloads', i]),
      );
    });
  });
}

/** selection: policy sends through the gateway only what the firewall lets it reach: with no allow rule, nothing. */
export function checkGatewayPolicies(model: Topology, report: Report): void {
  const named = new Set(model.firewall.rules.flatMap((r) => (r.origin.kind === 'allow' ? [r.origin.gateway] : [])));
  // model lists are in canonical order; specIndex says where each item is written
  model.clusters.forEach((cluster) =>
    cluster.egressGateways.forEach((gateway) => {
      if (gateway.clients.selection !== 'policy' || named.has(gateway.name)) return;
      report({
        code: 'calico-policy-without-destinations',
        severity: 'warning',
        path: ['spec', 'clusters', cluster.specIndex, 'egressGateways', gateway.specIndex, 'clients', 'selection'],
        message: `Egress gateway "${gateway.name}" uses selection: policy, but no firewall allow rule names it, so its EgressGatewayPolicy sends nothing through it.`,
        hint: `Add an entry to spec.firewall.allow with from: [${gateway.name}], or use selection: annotation.`,
      });
    }),
  );
}
