// The node's BIRD 1.6: a minimal base config around the emitted peers.conf, and birdc queries.
import { run } from './run.js';

export interface NodeBirdConfig {
  routerId: string;
  logFile: string;
  peersConfFile: string;
  /** routes the node originates (blackholes, like Calico's per-block routes): egress /32s and a pod block */
  originated: string[];
  /** iBGP sessions standing in for Calico's node-to-node mesh, over the underlay device */
  mesh?: MeshPeer[];
}

export interface MeshPeer {
  /** the other node's VPC IP */
  neighbor: string;
  /** this node's VPC IP (the session's source) */
  local: string;
  asn: number;
  /** the underlay interface the other node is reached through */
  device: string;
}

/** Calico's name for a node-to-node mesh session. */
export const meshProtocolName = (neighbor: string): string => `Mesh_${neighbor.replace(/\./g, '_')}`;

/**
 * The mesh: each node sends the other nodes what it originates (as calico-node's mesh export does) and
 * takes everything they send; a device route to each neighbor lets BIRD resolve their next hops. The
 * routes learned here have BIRD source RTS_BGP, which is what the BGPFilter's `source: RemotePeers` tests.
 */
function meshConfig(mesh: readonly MeshPeer[]): string[] {
  if (mesh.length === 0) return [];
  return [
    'protocol static underlay {',
    ...mesh.map((peer) => `  route ${peer.neighbor}/32 via "${peer.device}";`),
    '}',
    ...mesh.flatMap((peer) => [
      `protocol bgp ${meshProtocolName(peer.neighbor)} {`,
      `  local ${peer.local} as ${peer.asn};`,
      `  neighbor ${peer.neighbor} as ${peer.asn};`,
      '  multihop;',
      '  import all;',
      '  export where proto = "node_routes";',
      '}',
    ]),
  ];
}

/**
 * The base a peers.conf is included into. The static routes stand for what calico-node originates:
 * the egress gateway's /32 block and the node's pod block; the peers' export filter decides which leave.
 */
export function nodeBirdConfig(config: NodeBirdConfig): string {
  return [
    `router id ${config.routerId};`,
    `log "${config.logFile}" all;`,
    'protocol device { scan time 1; }',
    'protocol static node_routes {',
    ...config.originated.map((prefix) => `  route ${prefix} blackhole;`),
    '}',
    ...meshConfig(config.mesh ?? []),
    `include "${config.peersConfFile}";`,
    '',
  ].join('\n');
}

export interface BirdProtocol {
  name: string;
  proto: string;
  state: string;
  info: string;
}

const birdc = (socket: string, command: string): string => run('birdc', ['-s', socket, ...command.split(' ')], { timeoutMs: 5_000 }).stdout;

/** `birdc show protocols` as rows (the header lines skipped). */
export function birdProtocols(socket: string): BirdProtocol[] {
  return birdc(socket, 'show protocols')
    .split('\n')
    .slice(2)
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols.length >= 5)
    .map((cols) => ({ name: cols[0] ?? '', proto: cols[1] ?? '', state: cols[3] ?? '', info: cols.slice(5).join(' ') }));
}

export const birdShowProtocols = (socket: string): string => birdc(socket, 'show protocols');

export interface BirdRouteStats {
  imported: number;
  exported: number;
  importUpdatesReceived: number;
  importUpdatesFiltered: number;
  sourceAddress?: string;
  session?: string;
}

/** Counters from `birdc show protocols all NAME`. */
export function birdProtocolStats(socket: string, name: string): BirdRouteStats {
  const text = birdc(socket, `show protocols all ${name}`);
  const routes = /Routes:\s+(\d+) imported, (\d+) exported/.exec(text);
  const updates = /Import updates:\s+(\d+)\s+(\d+)\s+(\d+)/.exec(text);
  const source = /Source address:\s+(\S+)/.exec(text);
  const session = /Session:\s+(.+)/.exec(text);
  return {
    imported: Number(routes?.[1] ?? NaN),
    exported: Number(routes?.[2] ?? NaN),
    importUpdatesReceived: Number(updates?.[1] ?? NaN),
    importUpdatesFiltered: Number(updates?.[3] ?? NaN),
    ...(source?.[1] ? { sourceAddress: source[1] } : {}),
    ...(session?.[1] ? { session: session[1].trim() } : {}),
  };
}

/** Prefixes in BIRD's table that came from protocol NAME (`show route protocol NAME`). */
export function birdRoutesFrom(socket: string, name: string): string[] {
  return birdc(socket, `show route protocol ${name}`)
    .split('\n')
    .slice(1)
    .map((line) => /^(\d+\.\d+\.\d+\.\d+\/\d+)\s/.exec(line)?.[1])
    .filter((p): p is string => p !== undefined);
}
