// networkmanager/<cluster>/<node>/<tunnel>.nmconnection: the same tunnel as a NetworkManager keyfile,
// for hosts where NetworkManager owns networking and network-scripts is gone (RHEL 9+, current Fedora).
import type { Artifact } from '../types.js';
import type { HostTunnel } from './host-tunnel.js';
import { renderHostTemplate } from './templates.js';
import { uuidV5 } from './uuid.js';

export function connectionUuid(tunnel: HostTunnel): string {
  return uuidV5(`egressc:nmconnection:${tunnel.topology}/${tunnel.cluster}/${tunnel.node}/${tunnel.interfaceName}`);
}

export function networkManagerArtifact(tunnel: HostTunnel): Artifact {
  return {
    path: `networkmanager/${tunnel.cluster}/${tunnel.node}/${tunnel.interfaceName}.nmconnection`,
    content: renderHostTemplate('nmconnection-tunnel', { ...tunnel, linkRoute: tunnel.linkRoute ?? null, uuid: connectionUuid(tunnel) }),
    // NetworkManager ignores keyfiles that anyone but root can read or write.
    mode: 0o600,
  };
}
