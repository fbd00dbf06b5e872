// A GRE tunnel in a namespace, configured from a TunnelConfig: kernel GRE where the kernel has it, a
// userspace endpoint (gre_tun.py: TUN device + raw IPv4 socket, protocol 47) where it does not.
import { fileURLToPath } from 'node:url';
import { Daemons } from './daemons.js';
import type { TunnelConfig } from './netplan-tunnel.js';
import { ip } from './run.js';

export type GreImplementation = 'kernel' | 'userspace';

export const GRE_ENDPOINT_SCRIPT = fileURLToPath(new URL('./gre_tun.py', import.meta.url));
/** Debian's interpreter: gre_tun.py needs the standard library only. */
export const PYTHON = '/usr/bin/python3';

let kernelGre: boolean | undefined;

/** Whether `ip link add … type gre` works here, probed once in a throwaway namespace. */
export function kernelHasGre(probeNamespace: string): boolean {
  if (kernelGre !== undefined) return kernelGre;
  ip(['netns', 'add', probeNamespace]);
  try {
    const probe = ip(['-n', probeNamespace, 'link', 'add', 'greprobe', 'type', 'gre', 'local', '192.0.2.1', 'remote', '192.0.2.2'], { allowFailure: true });
    kernelGre = probe.status === 0;
  } finally {
    ip(['netns', 'del', probeNamespace], { allowFailure: true });
  }
  return kernelGre;
}

/** Creates and configures the tunnel device; starts the userspace endpoint when needed. */
export function createTunnel(ns: string, tunnel: TunnelConfig, implementation: GreImplementation, daemons: Daemons, logFile: string): void {
  const ttl = tunnel.ttl ?? 64;
  if (implementation === 'kernel') {
    ip(['-n', ns, 'link', 'add', tunnel.name, 'type', 'gre', 'local', tunnel.local, 'remote', tunnel.remote, 'ttl', String(ttl)]);
  } else {
    ip(['-n', ns, 'tuntap', 'add', 'mode', 'tun', 'dev', tunnel.name]);
  }
  if (tunnel.mtu !== undefined) ip(['-n', ns, 'link', 'set', tunnel.name, 'mtu', String(tunnel.mtu)]);
  for (const address of tunnel.addresses) ip(['-n', ns, 'addr', 'add', address, 'dev', tunnel.name]);
  ip(['-n', ns, 'link', 'set', tunnel.name, 'up']);
  if (implementation === 'userspace') {
    daemons.start(`gre ${ns}/${tunnel.name}`, ns, PYTHON, [GRE_ENDPOINT_SCRIPT, tunnel.name, tunnel.local, tunnel.remote, String(ttl)], logFile);
  }
  for (const route of tunnel.routes) {
    ip(['-n', ns, 'route', 'add', route.to, ...(route.via ? ['via', route.via] : []), 'dev', tunnel.name, ...(route.scope ? ['scope', route.scope] : [])]);
  }
}
