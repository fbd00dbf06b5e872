// The host emitter: per peering node a GRE tunnel to its TGW Connect peer in the one form its cluster's
// nodes use (clusters[].hostNetwork: netplan, network-scripts or a NetworkManager keyfile), plus one
// modules-load.d file for the GRE driver.
import type { Diagnostic } from '../../diagnostics/types.js';
import type { HostNetwork } from '../../model/types.js';
import type { Artifact, Emitter } from '../types.js';
import { hostTunnel, peeringNodes, type HostTunnel } from './host-tunnel.js';
import { modulesLoadArtifact } from './modules-load.js';
import { netplanArtifact } from './netplan.js';
import { networkManagerArtifact } from './networkmanager.js';
import { networkScriptsArtifacts } from './network-scripts.js';
import { UnrepresentableValueError } from './unrepresentable.js';

const WRITERS: Readonly<Record<HostNetwork, (tunnel: HostTunnel) => Artifact[]>> = {
  netplan: (tunnel) => [netplanArtifact(tunnel)],
  'network-scripts': networkScriptsArtifacts,
  networkmanager: (tunnel) => [networkManagerArtifact(tunnel)],
};

export const emitHost: Emitter = (model) => {
  const artifacts: Artifact[] = [];
  const diagnostics: Diagnostic[] = [];
  const nodes = peeringNodes(model);
  for (const { cluster, node, path } of nodes) {
    try {
      artifacts.push(...WRITERS[cluster.hostNetwork](hostTunnel(model, cluster, node)));
    } catch (error) {
      if (!(error instanceof UnrepresentableValueError)) throw error;
      diagnostics.push({
        code: 'host-unrepresentable-value',
        severity: 'error',
        message: `The host files of peering node ${node.name} of cluster ${cluster.name} cannot hold ${JSON.stringify(error.value)} (${error.format}: ${error.reason}).`,
        hint: 'Name clusters and nodes with DNS labels (lowercase letters, digits, "-"); a tunnel interface name in the lock file must be at most 15 characters of a-z, 0-9 and "-".',
        path,
      });
    }
  }
  if (nodes.length > 0) artifacts.push(modulesLoadArtifact());
  return { artifacts, diagnostics };
};
