// Emitter: bird/<cluster>/<node>.peers.conf, the BIRD 1.6 blocks confd renders for a node's TGW peers.
import type { Cluster, PeeringNode, Topology } from '../../model/types.js';
import type { Artifact, EmitResult } from '../types.js';
import { birdPeersView, type BirdPeersOptions } from './peers.js';
import { renderPeersConf } from './template.js';

export const birdPeersPath = (cluster: Pick<Cluster, 'name'>, node: Pick<PeeringNode, 'name'>): string =>
  `bird/${cluster.name}/${node.name}.peers.conf`;

/** The peers.conf text of one node (options only for the live negative control). */
export function renderNodePeers(model: Topology, cluster: Cluster, node: PeeringNode, options: BirdPeersOptions = {}): string {
  return renderPeersConf(birdPeersView(model, cluster, node, options));
}

export function emitBirdPeers(model: Topology): EmitResult {
  const artifacts: Artifact[] = model.clusters.flatMap((cluster) =>
    cluster.nodes.map((node) => ({ path: birdPeersPath(cluster, node), content: renderNodePeers(model, cluster, node), mode: 0o644 as const })),
  );
  return { artifacts };
}
