// The two ends of a traced flow, as the user writes them (CLI `--from/--to`, spec `expectations`):
//   from: ns/NAME | ns/CLUSTER/NAME | workload/NS/KIND/NAME | node/NAME | node/CLUSTER/NAME | IP
//   to:   service/NAME:PORT/PROTO | IP:PORT/PROTO   (PROTO tcp or udp; /tcp may be left out)
// Parsing is syntax only; resolving against the model is separate so that errors can say what exists.
import { formatIpv4, parseIpv4 } from '../net/ipv4.js';
import type { Cluster, Ipv4Address, PeeringNode, Service, Topology, WorkloadRef } from '../model/types.js';

export type SourceRef =
  | { kind: 'namespace'; cluster?: string; namespace: string }
  | { kind: 'workload'; cluster?: string; workload: WorkloadRef }
  | { kind: 'node'; cluster?: string; node: string }
  | { kind: 'ip'; address: Ipv4Address };

export type TargetRef = ({ kind: 'service'; service: string } | { kind: 'ip'; address: Ipv4Address }) & {
  port: number;
  protocol: 'tcp' | 'udp';
};

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const OBJECT_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const KINDS: Record<string, WorkloadRef['kind']> = { deployment: 'Deployment', statefulset: 'StatefulSet', daemonset: 'DaemonSet' };

export const SOURCE_SYNTAX = 'ns/NAME, workload/NS/KIND/NAME, node/NAME or an IPv4 address';
export const TARGET_SYNTAX = 'service/NAME:PORT/PROTO or IP:PORT/PROTO (PROTO tcp or udp)';

const canonicalIp = (text: string): Ipv4Address | undefined => {
  const value = parseIpv4(text);
  return value === undefined ? undefined : formatIpv4(value);
};

export function parseSource(text: string): Parsed<SourceRef> {
  const parts = text.split('/');
  const bad = (why: string): Parsed<SourceRef> => ({ ok: false, error: `"${text}" ${why}; write ${SOURCE_SYNTAX}` });
  if (parts.length === 1) {
    const address = canonicalIp(text);
    return address ? { ok: true, value: { kind: 'ip', address } } : bad('is not a source');
  }
  const [kind, ...rest] = parts;
  if (kind === 'ns' || kind === 'node') {
    if (rest.length < 1 || rest.length > 2) return bad(`needs ${kind}/NAME or ${kind}/CLUSTER/NAME`);
    const name = rest[rest.length - 1]!;
    const cluster = rest.length === 2 ? rest[0] : undefined;
    const pattern = kind === 'ns' ? LABEL : OBJECT_NAME;
    if (!pattern.test(name) || (cluster !== undefined && !LABEL.test(cluster))) return bad('has a name that is not a Kubernetes name');
    return {
      ok: true,
      value: kind === 'ns' ? { kind: 'namespace', ...(cluster ? { cluster } : {}), namespace: name } : { kind: 'node', ...(cluster ? { cluster } : {}), node: name },
    };
  }
  if (kind === 'workload') {
    if (rest.length !== 3) return bad('needs workload/NAMESPACE/KIND/NAME');
    const [namespace, kindText, name] = rest as [string, string, string];
    const workloadKind = KINDS[kindText.toLowerCase()];
    if (!workloadKind) return bad('has a KIND other than Deployment, StatefulSet or DaemonSet');
    if (!LABEL.test(namespace) || !OBJECT_NAME.test(name)) return bad('has a name that is not a Kubernetes name');
    return { ok: true, value: { kind: 'workload', workload: { namespace, kind: workloadKind, name } } };
  }
  return bad('is not a source');
}

export function parseTarget(text: string): Parsed<TargetRef> {
  const bad = (why: string): Parsed<TargetRef> => ({ ok: false, error: `"${text}" ${why}; write ${TARGET_SYNTAX}` });
  const match = /^(?:service\/([a-z0-9-]+)|([0-9.]+)):(\d{1,5})(?:\/(tcp|udp))?$/.exec(text);
  if (!match) return bad('is not a destination');
  const port = Number(match[3]);
  if (port < 1 || port > 65535) return bad('has a port outside 1-65535');
  const protocol = (match[4] ?? 'tcp') as 'tcp' | 'udp';
  if (match[1] !== undefined) return { ok: true, value: { kind: 'service', service: match[1], port, protocol } };
  const address = canonicalIp(match[2]!);
  return address ? { ok: true, value: { kind: 'ip', address, port, protocol } } : bad('has an invalid IPv4 address');
}

const clusterPrefix = (model: Topology, cluster: string): string => (model.clusters.length > 1 ? `${cluster}/` : '');

/** The canonical text of a source (cluster named only when the topology has several). */
export function sourceText(model: Topology, ref: SourceRef, cluster?: string): string {
  switch (ref.kind) {
    case 'namespace':
      return `ns/${clusterPrefix(model, ref.cluster ?? cluster ?? '')}${ref.namespace}`;
    case 'node':
      return `node/${clusterPrefix(model, ref.cluster ?? cluster ?? '')}${ref.node}`;
    case 'workload':
      return `workload/${ref.workload.namespace}/${ref.workload.kind}/${ref.workload.name}`;
    case 'ip':
      return ref.address;
  }
}

export const targetText = (ref: TargetRef): string =>
  `${ref.kind === 'service' ? `service/${ref.service}` : ref.address}:${ref.port}/${ref.protocol}`;

export type ResolvedTarget = { service?: Service; addresses: Ipv4Address[]; port: number; protocol: 'tcp' | 'udp' };

export function resolveTarget(model: Topology, ref: TargetRef): Parsed<ResolvedTarget> {
  if (ref.kind === 'ip') return { ok: true, value: { addresses: [ref.address], port: ref.port, protocol: ref.protocol } };
  const service = model.services.find((s) => s.name === ref.service);
  if (!service) {
    const known = model.services.map((s) => s.name).join(', ') || 'none';
    return { ok: false, error: `no service "${ref.service}" in the spec (services: ${known})` };
  }
  return { ok: true, value: { service, addresses: service.addresses, port: ref.port, protocol: ref.protocol } };
}

/** Clusters a namespace/node/workload reference may live in: the one named, else every cluster. */
export function candidateClusters(model: Topology, cluster: string | undefined): Cluster[] {
  return cluster === undefined ? model.clusters : model.clusters.filter((c) => c.name === cluster);
}

interface NodeMatch {
  cluster: Cluster;
  node: PeeringNode;
}

/** Nodes by spec name and by Kubernetes node name, per model: every node is a flow source, so a scan per lookup would be quadratic. */
const nodesByModel = new WeakMap<Topology, Map<string, NodeMatch[]>>();
function nodeIndex(model: Topology): Map<string, NodeMatch[]> {
  let index = nodesByModel.get(model);
  if (!index) {
    index = new Map();
    for (const cluster of model.clusters) {
      for (const node of cluster.nodes) {
        for (const key of new Set([node.name, node.nodeName])) index.set(key, [...(index.get(key) ?? []), { cluster, node }]);
      }
    }
    nodesByModel.set(model, index);
  }
  return index;
}

export function findNode(model: Topology, ref: { cluster?: string; node: string }): NodeMatch[] {
  const matches = nodeIndex(model).get(ref.node) ?? [];
  return ref.cluster === undefined ? matches : matches.filter((m) => m.cluster.name === ref.cluster);
}
