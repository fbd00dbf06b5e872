// Kubernetes and Calico name rules for the spec values egressc writes into Kubernetes objects verbatim:
// node names (BGPPeer.spec.node), workload names (the patched Deployment / StatefulSet / DaemonSet) and
// the egress gateways' nodeSelector labels (the gateway pods' spec.nodeSelector). The API server, or
// Calico's validator, refuses a value that breaks these rules, so egressc refuses it first.
//
// Sources (rules restated, not copied):
// - Kubernetes, k8s.io/apimachinery/pkg/util/validation: IsDNS1123Label (at most 63 characters of
//   [a-z0-9-], starting and ending alphanumeric), IsDNS1123Subdomain (at most 253 characters: DNS-1123
//   labels joined by "."), IsQualifiedName (label keys: an optional DNS-1123 subdomain prefix and "/",
//   then a name of at most 63 characters of [A-Za-z0-9-_.] starting and ending alphanumeric) and
//   IsValidLabelValue (empty, or a name as above). Pod spec.nodeSelector is validated as labels.
// - Calico, libcalico-go/lib/validator/v3: BGPPeer.spec.node has the `name` rule, DNS-1123 labels joined
//   by "." with no length limit per label (so "a..b" and "a.-b" are refused).
// - Kubernetes kubernetes/kubernetes#114172 (v1.27): StatefulSet names are DNS-1123 labels, because the
//   pods' hostname is taken from them; Deployment and DaemonSet names are DNS-1123 subdomains.
//
// Every other Kubernetes name egressc writes is built from spec names that are DNS-1123 labels already
// (at most 63 characters), and the longest (BGPPeer <cluster>-<node>-tgw-N, 133 characters) is far
// below the 253 of a subdomain; the longest-legal-spec test checks them all.
import type { SpecPath } from '../diagnostics/types.js';
import type { Spec } from '../spec/schema.js';
import type { Report } from './context.js';

const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL = new RegExp(`^${LABEL}$`);
const DNS1123_SUBDOMAIN = new RegExp(`^${LABEL}(\\.${LABEL})*$`);
const DNS1123_LABEL_MAX = 63;
const DNS1123_SUBDOMAIN_MAX = 253;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const QUALIFIED_NAME_MAX = 63;

/** Why a name is not a DNS-1123 subdomain, or undefined when it is one. */
export function dnsSubdomainProblem(name: string): string | undefined {
  if (name.length > DNS1123_SUBDOMAIN_MAX) return `it has ${name.length} characters (at most ${DNS1123_SUBDOMAIN_MAX})`;
  if (DNS1123_SUBDOMAIN.test(name)) return undefined;
  if (/\.\.|^\.|\.$/.test(name)) return 'it has an empty part between dots';
  if (/\.-|-\./.test(name)) return 'a part between dots starts or ends with "-"';
  return 'only lower-case letters, digits, "-" and "." are allowed, starting and ending with a letter or digit';
}

/** Why a string is not a Kubernetes label key (qualified name), or undefined. */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined) {
    if (prefix.length === 0) return 'the prefix before "/" is empty';
    const problem = dnsSubdomainProblem(prefix);
    if (problem) return `the prefix "${prefix}" is not a DNS-1123 subdomain: ${problem}`;
  }
  if (name.length === 0) return 'the name part is empty';
  if (name.length > QUALIFIED_NAME_MAX) return `the name part has ${name.length} characters (at most ${QUALIFIED_NAME_MAX})`;
  if (!QUALIFIED_NAME.test(name)) return 'the name part may hold only letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
  return undefined;
}

/** Why a string is not a Kubernetes label value, or undefined. */
export function labelValueProblem(value: string): string | undefined {
  if (value.length === 0) return undefined;
  if (value.length > QUALIFIED_NAME_MAX) return `it has ${value.length} characters (at most ${QUALIFIED_NAME_MAX})`;
  if (!QUALIFIED_NAME.test(value)) return 'only letters, digits, "-", "_" and "." are allowed, starting and ending with a letter or digit';
  return undefined;
}

/** A value for a message: quoted, control characters shown escaped, long ones shortened. */
export function shown(value: string): string {
  const json = JSON.stringify(value);
  return json.length > 80 ? `${json.slice(0, 60)}…" (${value.length} characters)` : json;
}

export function checkKubernetesNames(spec: Spec, report: Report): void {
  spec.spec.clusters.forEach((cluster, c) => {
    cluster.peeringNodes.forEach((node, n) => {
      if (node.nodeName === undefined) return;
      const problem = dnsSubdomainProblem(node.nodeName);
      if (!problem) return;
      report({
        code: 'node-name-invalid',
        path: ['spec', 'clusters', c, 'peeringNodes', n, 'nodeName'],
        message: `nodeName ${shown(node.nodeName)} is not a Kubernetes node name: ${problem}. Calico refuses it in BGPPeer.spec.node.`,
        hint: 'Write the node name exactly as `kubectl get nodes` prints it: DNS-1123 labels joined by single dots, e.g. ip-172-31-10-10.eu-west-1.compute.internal.',
      });
    });
    cluster.egressGateways.forEach((gateway, g) => {
      const at: SpecPath = ['spec', 'clusters', c, 'egressGateways', g];
      gateway.clients.workloads.forEach((workload, w) => {
        const problem =
          workload.kind === 'StatefulSet'
            ? workload.name.length > DNS1123_LABEL_MAX
              ? `it has ${workload.name.length} characters (at most ${DNS1123_LABEL_MAX})`
              : DNS1123_LABEL.test(workload.name)
                ? undefined
                : 'a StatefulSet name is a DNS-1123 label: no dots'
            : dnsSubdomainProblem(workload.name);
        if (!problem) return;
        report({
          code: 'workload-name-invalid',
          path: [...at, 'clients', 'workloads', w, 'name'],
          message: `${workload.kind} name ${shown(workload.name)} is not a valid ${workload.kind} name: ${problem}.`,
          hint:
            workload.kind === 'StatefulSet'
              ? 'Write the StatefulSet name as `kubectl get statefulsets` prints it (a DNS-1123 label: lower-case letters, digits and "-", at most 63 characters).'
              : `Write the ${workload.kind} name as \`kubectl get ${workload.kind.toLowerCase()}s\` prints it (DNS-1123 labels joined by single dots).`,
        });
      });
      for (const [key, value] of Object.entries(gateway.nodeSelector)) {
        const keyProblem = labelKeyProblem(key);
        if (keyProblem) {
          report({
            code: 'label-key-invalid',
            path: [...at, 'nodeSelector', key],
            atKey: true,
            message: `nodeSelector key ${shown(key)} is not a Kubernetes label key: ${keyProblem}. The API server would refuse the gateway pods.`,
            hint: 'Use a node label key as `kubectl get nodes --show-labels` prints it, e.g. topology.kubernetes.io/zone or example.com/egress.',
          });
        }
        const valueProblem = labelValueProblem(value);
        if (valueProblem) {
          report({
            code: 'label-value-invalid',
            path: [...at, 'nodeSelector', key],
            message: `nodeSelector value ${shown(value)} of ${shown(key)} is not a Kubernetes label value: ${valueProblem}. The API server would refuse the gateway pods.`,
            hint: 'Use the node label value as `kubectl get nodes --show-labels` prints it: at most 63 letters, digits, "-", "_" or ".", no quotes, spaces or ${…}.',
          });
        }
      }
    });
  });
}
