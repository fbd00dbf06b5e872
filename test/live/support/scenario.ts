// Turns a compiled fixture into a lab: per node its emitted netplan file and peers.conf.
import type { CompileOutput } from '../../../src/compile.js';
import { birdPeersPath, renderNodePeers } from '../../../src/emit/bird/index.js';
import type { PeerConnection } from '../../../src/emit/bird/peers.js';
import type { Cluster, PeeringNode } from '../../../src/model/types.js';
import type { LabInput } from './lab.js';

export const netplanPath = (cluster: Pick<Cluster, 'name'>, node: Pick<PeeringNode, 'name'>): string => `netplan/${cluster.name}/${node.name}.yaml`;

export interface ScenarioOptions {
  tag: string;
  /** `direct` swaps in the unpatched rendering (negative control); default: the emitted peers.conf */
  connection?: PeerConnection;
  tgwAnnounces: string[];
  /** iBGP between the nodes (Calico's node mesh) */
  mesh?: boolean;
}

export function labInput(compiled: CompileOutput, options: ScenarioOptions): LabInput {
  const { model } = compiled;
  if (!model) throw new Error(`the fixture did not compile: ${JSON.stringify(compiled.diagnostics, null, 2)}`);
  const artifact = (path: string): string => {
    const found = compiled.artifacts.find((a) => a.path === path);
    if (!found) throw new Error(`artifact ${path} was not emitted (have: ${compiled.artifacts.map((a) => a.path).join(', ')})`);
    return found.content;
  };
  const nodes = model.clusters.flatMap((cluster) =>
    cluster.nodes.map((node) => ({
      cluster,
      node,
      netplanText: artifact(netplanPath(cluster, node)),
      peersConf: options.connection === 'direct' ? renderNodePeers(model, cluster, node, { connection: 'direct' }) : artifact(birdPeersPath(cluster, node)),
    })),
  );
  return { tag: options.tag, model, nodes, tgwAnnounces: options.tgwAnnounces, ...(options.mesh ? { mesh: true } : {}) };
}
