// What the live assertions look at, from both ends of every session, and the printed evidence.
import { birdProtocolStats, birdProtocols, birdRoutesFrom, birdShowProtocols } from './bird.js';
import { GOBGP_ESTABLISHED, gobgpLearned, gobgpSessionState, gobgpShowNeighbors, gobgpShowRib, type LearnedPath } from './gobgp.js';
import type { Lab, LabNode, Speaker } from './lab.js';
import { nodePeerProtocolName } from '../../../src/emit/bird/peers.js';

export interface SessionView {
  node: string;
  protocol: string;
  tgwAddress: string;
  /** BIRD's state and info columns, e.g. "up Established" */
  bird: string;
  /** gobgp's FSM state (6 = Established) */
  tgw: number | undefined;
  establishedOnBothEnds: boolean;
  establishedOnEitherEnd: boolean;
}

export function sessions(lab: Lab): SessionView[] {
  return lab.nodes.flatMap((node) => {
    const protocols = birdProtocols(node.birdSocket);
    return node.speakers.map((speaker) => {
      const protocol = nodePeerProtocolName(speaker.address);
      const row = protocols.find((p) => p.name === protocol);
      const birdUp = row?.info === 'Established';
      const tgw = gobgpSessionState(lab.tgwBgp, speaker.apiPort, node.input.node.connectPeer.nodeBgpAddress);
      const tgwUp = tgw === GOBGP_ESTABLISHED;
      return {
        node: node.input.node.name,
        protocol,
        tgwAddress: speaker.address,
        bird: row ? `${row.state} ${row.info}`.trim() : 'missing',
        tgw,
        establishedOnBothEnds: birdUp && tgwUp,
        establishedOnEitherEnd: birdUp || tgwUp,
      };
    });
  });
}

export interface SpeakerView {
  node: LabNode;
  speaker: Speaker;
  learned: LearnedPath[];
}

export function learnedByTgw(lab: Lab): SpeakerView[] {
  return lab.nodes.flatMap((node) => node.speakers.map((speaker) => ({ node, speaker, learned: gobgpLearned(lab.tgwBgp, speaker.apiPort) })));
}

export interface NodeImportView {
  node: string;
  protocol: string;
  routes: string[];
  imported: number;
  updatesReceived: number;
  updatesFiltered: number;
  sourceAddress: string | undefined;
  session: string | undefined;
}

export function importsOnNodes(lab: Lab): NodeImportView[] {
  return lab.nodes.flatMap((node) =>
    node.speakers.map((speaker) => {
      const protocol = nodePeerProtocolName(speaker.address);
      const stats = birdProtocolStats(node.birdSocket, protocol);
      return {
        node: node.input.node.name,
        protocol,
        routes: birdRoutesFrom(node.birdSocket, protocol),
        imported: stats.imported,
        updatesReceived: stats.importUpdatesReceived,
        updatesFiltered: stats.importUpdatesFiltered,
        sourceAddress: stats.sourceAddress,
        session: stats.session,
      };
    }),
  );
}

/** The evidence printed with the test output: both ends' sessions and the TGW's learned routes. */
export function evidence(lab: Lab, title: string): string {
  const lines = [`===== ${title} (GRE: ${lab.greImplementation}) =====`];
  for (const node of lab.nodes) {
    lines.push(`--- node ${node.input.node.name} (${node.namespace}): birdc show protocols`);
    lines.push(birdShowProtocols(node.birdSocket).trimEnd());
  }
  for (const node of lab.nodes) {
    for (const speaker of node.speakers) {
      lines.push(`--- TGW speaker ${speaker.address} (AS ${lab.tgwAsn}, ${lab.tgwBgp}): gobgp neighbor`);
      lines.push(gobgpShowNeighbors(lab.tgwBgp, speaker.apiPort).trimEnd());
      lines.push(`--- TGW speaker ${speaker.address}: gobgp global rib (routes learned from ${node.input.node.name} and its own announcements)`);
      lines.push(gobgpShowRib(lab.tgwBgp, speaker.apiPort).trimEnd());
    }
  }
  return lines.join('\n');
}
