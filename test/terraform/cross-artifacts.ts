// Cross-artifact agreement on every Connect peer, read back from the files themselves (not the model):
// the Terraform peer (inside /29, peer address, TGW GRE address, ASN) against the node's GRE tunnel in
// whichever host format its cluster uses (netplan, ifcfg, NetworkManager keyfile: local, remote, the
// /29's first host as its address) and against Calico: two BGPPeers at the
// /29's N+2 and N+3 with the TGW's ASN, and the cluster's BGPConfiguration ASN = the peer's bgp_asn.
import { expect } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import type { Artifact } from '../../src/emit/types.js';
import type { TfBody } from '../../src/emit/terraform/json.js';
import { readModule, resourcesOf } from './module.js';

/** N+offset of the network "a.b.c.d/len" */
export function hostOf(cidr: string, offset: number): string {
  const [base] = cidr.split('/') as [string];
  const value = base.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0) + offset;
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

interface HostTunnelSeen {
  mode: string;
  local: string;
  remote: string;
  addresses: string[];
}

/** KEY=VALUE lines (ifcfg) or key=value lines under [group] headers (keyfile), comments skipped. */
function keyValues(text: string): Map<string, string> {
  const values = new Map<string, string>();
  let group = '';
  for (const line of text.split('\n')) {
    const header = /^\[(.+)\]$/.exec(line);
    if (header) group = `${header[1]}.`;
    const pair = /^([A-Za-z0-9_-]+)=(.*)$/.exec(line);
    if (pair) values.set(`${group}${pair[1]}`, pair[2]!);
  }
  return values;
}

/** Every GRE tunnel the host files describe, whatever their format (NetworkManager's mode 2 is GRE). */
function hostTunnels(artifacts: readonly Artifact[]): HostTunnelSeen[] {
  return artifacts.flatMap((a): HostTunnelSeen[] => {
    if (a.path.startsWith('netplan/') && a.path.endsWith('.yaml')) return Object.values((parse(a.content) as { network: { tunnels: Record<string, HostTunnelSeen> } }).network.tunnels);
    const v = keyValues(a.content);
    if (a.path.startsWith('network-scripts/') && a.path.split('/').pop()!.startsWith('ifcfg-')) {
      return [{ mode: v.get('TYPE') === 'GRE' ? 'gre' : String(v.get('TYPE')), local: v.get('MY_OUTER_IPADDR') ?? '', remote: v.get('PEER_OUTER_IPADDR') ?? '', addresses: [v.get('MY_INNER_IPADDR') ?? ''] }];
    }
    if (a.path.startsWith('networkmanager/')) {
      return [{ mode: v.get('ip-tunnel.mode') === '2' ? 'gre' : String(v.get('ip-tunnel.mode')), local: v.get('ip-tunnel.local') ?? '', remote: v.get('ip-tunnel.remote') ?? '', addresses: [v.get('ipv4.address1') ?? ''] }];
    }
    return [];
  });
}

export function checkPeersAgainstHostTunnels(artifacts: readonly Artifact[]): void {
  const peers = Object.values(resourcesOf(readModule(artifacts), 'aws_ec2_transit_gateway_connect_peer'));
  const tunnels = hostTunnels(artifacts);
  expect(peers.length).toBeGreaterThan(0);
  expect(tunnels, 'one host tunnel per Connect peer').toHaveLength(peers.length);
  for (const peer of peers) {
    const [inside] = peer.inside_cidr_blocks as [string];
    const tunnel = tunnels.filter((t) => t.local === peer.peer_address && t.remote === peer.transit_gateway_address);
    expect(tunnel, `host tunnel ${String(peer.peer_address)} → ${String(peer.transit_gateway_address)}`).toHaveLength(1);
    expect(tunnel[0]?.mode).toBe('gre');
    // the node's tunnel address is the /29's first host: the address AWS reports as bgp_peer_address
    expect(tunnel[0]?.addresses.map((a) => a.split('/')[0])).toContain(hostOf(inside, 1));
  }
}

interface CalicoObject {
  kind: string;
  spec: Record<string, unknown>;
  /** calico/<cluster>/ */
  directory: string;
}

export function checkPeersAgainstCalico(artifacts: readonly Artifact[]): void {
  const module = readModule(artifacts);
  const [tgw] = Object.values(resourcesOf(module, 'aws_ec2_transit_gateway')) as [TfBody];
  const peers = Object.values(resourcesOf(module, 'aws_ec2_transit_gateway_connect_peer'));
  const objects: CalicoObject[] = artifacts
    .filter((a) => a.path.startsWith('calico/') && a.path.endsWith('.yaml'))
    .flatMap((a) =>
      parseAllDocuments(a.content).map((document) => ({
        ...(document.toJS() as { kind: string; spec: Record<string, unknown> }),
        directory: a.path.split('/').slice(0, 2).join('/'),
      })),
    );
  const bgpPeers = objects.filter((o) => o.kind === 'BGPPeer' && o.spec.node !== undefined);
  expect(peers.length).toBeGreaterThan(0);
  expect(bgpPeers, 'two Calico BGPPeers per Connect peer').toHaveLength(2 * peers.length);
  for (const peer of peers) {
    const [inside] = peer.inside_cidr_blocks as [string];
    const tgwSide = [hostOf(inside, 2), hostOf(inside, 3)];
    const sessions = bgpPeers.filter((p) => tgwSide.includes(String(p.spec.peerIP)));
    expect(sessions.map((p) => p.spec.peerIP).sort(), `Calico BGPPeers for ${inside}`).toEqual(tgwSide.sort());
    expect(new Set(sessions.map((p) => p.spec.node)).size, `both sessions of ${inside} on one node`).toBe(1);
    for (const session of sessions) expect(session.spec.asNumber).toBe(tgw.amazon_side_asn);
    const configuration = objects.filter((o) => o.kind === 'BGPConfiguration' && o.directory === sessions[0]?.directory);
    expect(configuration.map((c) => c.spec.asNumber), `cluster ASN of ${inside}`).toEqual([Number(peer.bgp_asn)]);
  }
}
