// The TGW's BGP speakers: one gobgpd per TGW BGP address (as AWS runs two per Connect peer), eBGP
// multihop TTL 2 as AWS documents for Connect, each with one neighbour: the node's BGP address (N+1).
import { inNamespace } from './run.js';

export interface SpeakerConfig {
  asn: number;
  address: string;
  neighbor: string;
  neighborAsn: number;
}

/** gobgpd's JSON configuration (built as an object, serialised by JSON.stringify). */
export function gobgpdConfig(speaker: SpeakerConfig): string {
  return JSON.stringify(
    {
      global: { config: { as: speaker.asn, 'router-id': speaker.address, port: 179, 'local-address-list': [speaker.address] } },
      neighbors: [
        {
          config: { 'neighbor-address': speaker.neighbor, 'peer-as': speaker.neighborAsn },
          'ebgp-multihop': { config: { enabled: true, 'multihop-ttl': 2 } },
          // active, sourced from its own BGP address; retry every second so a session comes up as soon
          // as the node listens (the default retry is 120 s)
          transport: { config: { 'local-address': speaker.address, 'passive-mode': false } },
          timers: { config: { 'connect-retry': 1 } },
        },
      ],
    },
    null,
    2,
  );
}

const gobgp = (ns: string, apiPort: number, args: readonly string[]): string =>
  inNamespace(ns, 'gobgp', ['-u', '127.0.0.1', '-p', String(apiPort), ...args], { timeoutMs: 5_000 }).stdout;

/** BGP FSM state 6 is Established (gobgp's API enum). */
export const GOBGP_ESTABLISHED = 6;

export function gobgpSessionState(ns: string, apiPort: number, neighbor: string): number | undefined {
  const neighbors = JSON.parse(gobgp(ns, apiPort, ['neighbor', '-j'])) as { state?: { neighbor_address?: string; session_state?: number } }[];
  return neighbors.find((n) => n.state?.neighbor_address === neighbor)?.state?.session_state;
}

export interface LearnedPath {
  prefix: string;
  asPath: number[];
  nextHop: string;
  fromNeighbor: string;
}

interface RibPath {
  nlri?: { prefix?: string };
  attrs?: { type: number; as_paths?: { asns?: number[] }[]; nexthop?: string }[];
  'neighbor-ip'?: string;
}

/** Paths in the speaker's RIB that a BGP neighbour sent (locally originated ones left out). */
export function gobgpLearned(ns: string, apiPort: number): LearnedPath[] {
  const rib = JSON.parse(gobgp(ns, apiPort, ['global', 'rib', '-a', 'ipv4', '-j'])) as Record<string, RibPath[]>;
  return Object.values(rib)
    .flat()
    .filter((path) => path['neighbor-ip'] !== undefined)
    .map((path) => ({
      prefix: path.nlri?.prefix ?? '',
      asPath: (path.attrs ?? []).filter((a) => a.type === 2).flatMap((a) => (a.as_paths ?? []).flatMap((s) => s.asns ?? [])),
      nextHop: (path.attrs ?? []).find((a) => a.type === 3)?.nexthop ?? '',
      fromNeighbor: path['neighbor-ip'] ?? '',
    }))
    .sort((a, b) => (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0));
}

/** Announces a prefix from the speaker (what the TGW propagates to the appliance). */
export function gobgpAnnounce(ns: string, apiPort: number, prefix: string): void {
  gobgp(ns, apiPort, ['global', 'rib', 'add', '-a', 'ipv4', prefix]);
}

export const gobgpShowNeighbors = (ns: string, apiPort: number): string => gobgp(ns, apiPort, ['neighbor']);
export const gobgpShowRib = (ns: string, apiPort: number): string => gobgp(ns, apiPort, ['global', 'rib', '-a', 'ipv4']);
