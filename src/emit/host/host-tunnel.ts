// What one peering node's GRE tunnel looks like on the host: the single source every host format
// (netplan, ifcfg, NetworkManager keyfile) renders, so they cannot disagree.
import type { Cluster, PeeringNode, Topology } from '../../model/types.js';

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

export function hostTunnel(topology: Topology, cluster: Cluster, node: PeeringNode): HostTunnel {
  const { tunnel, connectPeer } = node;
  const base = {
    topology: topology.name,
    cluster: cluster.name,
    node: node.name,
    nodeName: node.nodeName,
    interfaceName: tunnel.interfaceName,
    local: tunnel.local,
    remote: tunnel.remote,
    ttl: tunnel.ttl,
    mtu: tunnel.mtu,
  };
  return cluster.multihop.strategy === 'interfaceRoute'
    ? { ...base, address: `${connectPeer.nodeBgpAddress}/32`, linkRoute: connectPeer.insideCidr }
    : { ...base, address: `${connectPeer.nodeBgpAddress}/${prefixLength(connectPeer.insideCidr)}` };
}

/** Every peering node's tunnel, clusters and nodes in model (spec) order, with the node's spec path. */
export function hostTunnels(topology: Topology): { tunnel: HostTunnel; path: (string | number)[] }[] {
  return topology.clusters.flatMap((cluster, c) =>
    cluster.nodes.map((node, n) => ({ tunnel: hostTunnel(topology, cluster, node), path: ['spec', 'clusters', c, 'peeringNodes', n] })),
  );
}
