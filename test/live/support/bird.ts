// The node's BIRD 1.6: a minimal base config around the emitted peers.conf, and birdc queries.
import { run } from './run.js';

export interface NodeBirdConfig {
  routerId: string;
  logFile: string;
  peersConfFile: string;
  /** routes the node originates (blackholes, like Calico's per-block routes): egress /32s and a pod block */
  originated: string[];
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
