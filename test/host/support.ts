// Helpers of the host tests: what each node's tunnel must look like (derived from its Connect peer, not
// from the model's tunnel), and readers that hand the artifacts to real parsers (bash, GLib, netplan).
import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import ipaddr from 'ipaddr.js';
import { expect } from 'vitest';
import type { HostTunnel } from '../../src/emit/host/host-tunnel.js';
import { NETPLAN_INSTALL_PATH } from '../../src/emit/host/netplan.js';
import type { Artifact } from '../../src/emit/types.js';
import type { Cluster, HostNetwork, PeeringNode, Topology } from '../../src/model/types.js';

/**
 * The host tunnel the emitters must render for a node. The shape is the emitter's own (HostTunnel, minus
 * the file-naming fields); the values are computed below independently of it, from the Connect peer
 * rather than the model's tunnel, so the tests stay an oracle for host-tunnel.ts instead of a copy of it.
 */
export type ExpectedTunnel = Pick<HostTunnel, 'cluster' | 'node' | 'interfaceName' | 'local' | 'remote' | 'ttl' | 'mtu' | 'address' | 'linkRoute'>;

/** The tunnel a node must get, computed from its Connect peer and ENI MTU; checks the peer's own invariants. */
export function expectedTunnel(cluster: Cluster, node: PeeringNode): ExpectedTunnel {
  const peer = node.connectPeer;
  const [network, prefix] = ipaddr.IPv4.parseCIDR(peer.insideCidr);
  expect(prefix, `${node.name}: inside CIDR`).toBe(29);
  expect(network.toString(), `${node.name}: inside CIDR is canonical`).toBe(ipaddr.IPv4.networkAddressFromCIDR(peer.insideCidr).toString());
  const bytes = network.toByteArray();
  bytes[3] = (bytes[3] ?? 0) + 1;
  expect(peer.nodeBgpAddress, `${node.name}: BGP address is N+1 of ${peer.insideCidr}`).toBe(bytes.join('.'));
  expect(peer.peerAddress, `${node.name}: Connect peer address is the node's VPC IP`).toBe(node.vpcIp);
  const interfaceRoute = cluster.multihop.strategy === 'interfaceRoute';
  return {
    cluster: cluster.name,
    node: node.name,
    interfaceName: node.tunnel.interfaceName,
    local: peer.peerAddress,
    remote: peer.tgwGreAddress,
    ttl: 255,
    mtu: Math.min(node.eniMtu - 44, 8456),
    address: `${peer.nodeBgpAddress}/${interfaceRoute ? 32 : 29}`,
    ...(interfaceRoute ? { linkRoute: peer.insideCidr } : {}),
  };
}

/** The tunnels of every node, or of the nodes whose cluster uses the given host format. */
export function expectedTunnels(model: Topology, format?: HostNetwork): ExpectedTunnel[] {
  return model.clusters.filter((c) => format === undefined || c.hostNetwork === format).flatMap((cluster) => cluster.nodes.map((node) => expectedTunnel(cluster, node)));
}

/** The model with every cluster on one host format: each format's test sees both multihop strategies. */
export const onHostNetwork = (model: Topology, hostNetwork: HostNetwork): Topology => ({ ...model, clusters: model.clusters.map((c) => ({ ...c, hostNetwork })) });

export function artifactAt(artifacts: readonly Artifact[], path: string): Artifact {
  const found = artifacts.find((a) => a.path === path);
  if (!found) throw new Error(`no artifact ${path}; have ${artifacts.map((a) => a.path).join(', ')}`);
  return found;
}

/** A fresh directory, removed by the returned function. */
export function scratchDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `egressc-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeFileWithMode(path: string, content: string, mode: number): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content, { mode });
  chmodSync(path, mode);
}

export interface UnitSection {
  name: string;
  entries: [string, string][];
}

/** systemd unit syntax as netplan writes it: [Section] headers (repeatable) and Key=Value lines. */
export function parseUnitFile(text: string): UnitSection[] {
  const sections: UnitSection[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(trimmed);
    if (header) {
      sections.push({ name: header[1] ?? '', entries: [] });
      continue;
    }
    const eq = trimmed.indexOf('=');
    const section = sections.at(-1);
    if (eq < 0 || !section) throw new Error(`not a unit-file line: ${line}`);
    section.entries.push([trimmed.slice(0, eq), trimmed.slice(eq + 1)]);
  }
  return sections;
}

/** The values of `key` in every section called `section`. */
export function unitValues(sections: readonly UnitSection[], section: string, key: string): string[] {
  return sections.filter((s) => s.name === section).flatMap((s) => s.entries.filter(([k]) => k === key).map(([, v]) => v));
}

export function run(command: string, args: readonly string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' }, ...(input !== undefined ? { input } : {}) });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export type KeyFileGroups = Record<string, Record<string, string>>;

// GLib's GKeyFile is the parser NetworkManager reads keyfiles with; Debian's python3-gi exposes it.
const KEYFILE_READER = `
import json, sys
from gi.repository import GLib
out = []
for path in sys.argv[1:]:
    kf = GLib.KeyFile()
    kf.load_from_file(path, GLib.KeyFileFlags.NONE)
    groups = {}
    for group in kf.get_groups()[0]:
        groups[group] = {key: kf.get_string(group, key) for key in kf.get_keys(group)[0]}
    out.append(groups)
print(json.dumps(out))
`;

/** Every group and key of each key file, string values unescaped by GLib. */
export function readKeyFiles(paths: readonly string[]): KeyFileGroups[] {
  const result = run('/usr/bin/python3', ['-c', KEYFILE_READER, ...paths]);
  if (result.status !== 0) throw new Error(`GLib could not read the key file(s): ${result.stderr}`);
  return JSON.parse(result.stdout) as KeyFileGroups[];
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

/** Regular files under dir (netplan also writes symlinks to unit files outside the root: skipped). */
function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    const stat = lstatSync(full);
    return stat.isDirectory() ? listFiles(full) : stat.isFile() ? [full] : [];
  });
}

export interface NetplanGenerated {
  status: number | null;
  stderr: string;
  /** every file netplan wrote under the root's run/, by path relative to the root */
  files: Map<string, string>;
}

/** Installs `content` as a node would (NETPLAN_INSTALL_PATH, with `mode`) under a scratch root and runs `netplan generate`. */
export function netplanGenerate(content: string, mode: number): NetplanGenerated {
  const scratch = scratchDir('netplan');
  try {
    writeFileWithMode(join(scratch.dir, NETPLAN_INSTALL_PATH), content, mode);
    const result = run('netplan', ['generate', '--root-dir', scratch.dir]);
    const runDir = join(scratch.dir, 'run');
    const written = statSync(runDir, { throwIfNoEntry: false }) ? listFiles(runDir) : [];
    return { status: result.status, stderr: result.stderr, files: new Map(written.map((file) => [relative(scratch.dir, file), readText(file)])) };
  } finally {
    scratch.remove();
  }
}
