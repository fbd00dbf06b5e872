// network-scripts/<cluster>/<node>/ifcfg-<tunnel> (+ route-<tunnel> for interfaceRoute): the same tunnel
// for RHEL-family hosts that bring interfaces up with initscripts' network-scripts.
import type { Artifact } from '../types.js';
import type { HostTunnel } from './host-tunnel.js';
import { renderHostTemplate } from './templates.js';

export function networkScriptsArtifacts(tunnel: HostTunnel): Artifact[] {
  const dir = `network-scripts/${tunnel.cluster}/${tunnel.node}`;
  const artifacts: Artifact[] = [
    { path: `${dir}/ifcfg-${tunnel.interfaceName}`, content: renderHostTemplate('ifcfg-tunnel', tunnel), mode: 0o644 },
  ];
  if (tunnel.linkRoute) {
    artifacts.push({ path: `${dir}/route-${tunnel.interfaceName}`, content: renderHostTemplate('route-tunnel', tunnel), mode: 0o644 });
  }
  return artifacts;
}
