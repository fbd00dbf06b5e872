// What one peering node's GRE tunnel looks like on the host: the single source every host format
// (netplan, ifcfg, NetworkManager keyfile) renders, so they cannot disagree.
import type { Cluster, PeeringNode, Topology } from '../../model/types.js';
import { requireWellFormed, UnrepresentableValueError } from './unrepresentable.js';

export interface HostTunnel {
  topology: string;
  cluster: string;
  /** spec name of the node (its stable identity, used in paths) */
  node: string;
  /** Kubernetes node name, for the humans reading the files */
  nodeName: string;
  interfaceName: string;
  /** outer source: the node's VPC IP */
  local: string;
  /** outer destination: the TGW's GRE address of this Connect peer */
  remote: string;
  ttl: number;
  mtu: number;
  /** the node's BGP address with the prefix length it gets on the tunnel, e.g. 169.254.8.9/29 */
  address: string;
  /**
   * interfaceRoute only: the inside /29, routed on-link through the tunnel. The address is then a /32,
   * so confd sees no directly connected peer and renders `multihop` without a template patch.
   */
  linkRoute?: string;
}

function prefixLength(cidr: string): number {
  const length = Number(cidr.split('/')[1]);
  if (!Number.isInteger(length)) throw new Error(`not a CIDR: ${cidr}`);
  return length;
}

/**
 * The kernel's rule for interface names (dev_valid_name in net/core/dev.c): 1 to 15 bytes, not `.` or
 * `..`, no `/`, `:` or whitespace. The name also becomes part of artifact paths, which this keeps safe.
 */
export function linuxInterfaceName(name: string): string {
  requireWellFormed('a Linux interface name', name);
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes < 1 || bytes > 15) throw new UnrepresentableValueError('a Linux interface name', name, 'must be 1 to 15 bytes long');
  if (name === '.' || name === '..' || /[/:\s]/.test(name)) {
    throw new UnrepresentableValueError('a Linux interface name', name, 'must not be "." or ".." or contain "/", ":" or whitespace');
  }
  return name;
}

/** Cluster and node names are DNS labels; this only keeps any other value from escaping its directory. */
function pathSegment(value: string): string {
  requireWellFormed('a file name', value);
  if (value === '' || value === '.' || value === '..' || value.includes('/')) throw new UnrepresentableValueError('a file name', value, 'not a single path segment');
  return value;
}

export function hostTunnel(topology: Topology, cluster: Cluster, node: PeeringNode): HostTunnel {
  const { tunnel, connectPeer } = node;
  const base = {
    topology: topology.name,
    cluster: pathSegment(cluster.name),
    node: pathSegment(node.name),
    nodeName: node.nodeName,
    interfaceName: linuxInterfaceName(tunnel.interfaceName),
    local: tunnel.local,
    remote: tunnel.remote,
    ttl: tunnel.ttl,
    mtu: tunnel.mtu,
  };
  return cluster.multihop.strategy === 'interfaceRoute'
    ? { ...base, address: `${connectPeer.nodeBgpAddress}/32`, linkRoute: connectPeer.insideCidr }
    : { ...base, address: `${connectPeer.nodeBgpAddress}/${prefixLength(connectPeer.insideCidr)}` };
}

export interface PeeringNodeRef {
  cluster: Cluster;
  node: PeeringNode;
  /** where the node is written in the spec */
  path: (string | number)[];
}

/** Every peering node, clusters and nodes in model (name) order. */
export function peeringNodes(topology: Topology): PeeringNodeRef[] {
  return topology.clusters.flatMap((cluster) => cluster.nodes.map((node) => ({ cluster, node, path: ['spec', 'clusters', cluster.specIndex, 'peeringNodes', node.specIndex] })));
}
