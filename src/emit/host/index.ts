// The host emitter: per peering node a GRE tunnel to its TGW Connect peer in the one form its cluster's
// nodes use (clusters[].hostNetwork: netplan, network-scripts or a NetworkManager keyfile), plus one
// modules-load.d file for the GRE driver.
import type { HostNetwork } from '../../model/types.js';
import type { Artifact, Emitter } from '../types.js';
import { hostTunnel, peeringNodes, type HostTunnel } from './host-tunnel.js';
import { modulesLoadArtifact } from './modules-load.js';
import { netplanArtifact } from './netplan.js';
import { networkManagerArtifact } from './networkmanager.js';
import { networkScriptsArtifacts } from './network-scripts.js';

const WRITERS: Readonly<Record<HostNetwork, (tunnel: HostTunnel) => Artifact[]>> = {
  netplan: (tunnel) => [netplanArtifact(tunnel)],
  'network-scripts': networkScriptsArtifacts,
  networkmanager: (tunnel) => [networkManagerArtifact(tunnel)],
};

export const emitHost: Emitter = (model) => {
  const artifacts: Artifact[] = [];
  const nodes = peeringNodes(model);
  // Names are DNS labels (schema) and lock interface names [a-z0-9-]{1,15} (lock schema), so a checked
  // model never makes hostTunnel throw UnrepresentableValueError; a hand-built one may, and then nothing
  // is written rather than a file a host would read differently.
  for (const { cluster, node } of nodes) artifacts.push(...WRITERS[cluster.hostNetwork](hostTunnel(model, cluster, node)));
  if (nodes.length > 0) artifacts.push(modulesLoadArtifact());
  return { artifacts };
};
