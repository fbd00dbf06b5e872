// Live proof: the emitted netplan tunnels and peers.conf bring up both BGP sessions of every Connect
// peer between BIRD 1.6 and GoBGP speakers standing in for the TGW, over real GRE packets, and the TGW
// learns exactly the egress /32s. The negative control shows why multihop is needed.
// Needs root and the real tools (.ci/install-tools.sh); see docs/live.md.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import ipaddr from 'ipaddr.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileFixture, FIXTURES } from '../support/fixtures.js';
import { birdProtocolStats, birdRoutesFrom, meshProtocolName } from './support/bird.js';
import { nodePeerProtocolName } from '../../src/emit/bird/peers.js';
import { liveBlocker, liveMustFail } from './support/gate.js';
import { Lab, removeStaleNamespaces, type LabInput } from './support/lab.js';
import { captureGre } from './support/capture.js';
import { evidence, importsOnNodes, learnedByTgw, sessions } from './support/observe.js';
import { labInput } from './support/scenario.js';
import { ip } from './support/run.js';
import { neverWithin, waitUntil } from './support/wait.js';

/** What the TGW speakers announce to the node: a default route and the shared/service VPC. */
const TGW_ANNOUNCES = ['0.0.0.0/0', '10.0.0.0/16'];
/** Sessions came up in about 2–5 s here; 20 s is the bound for every positive wait. */
const ESTABLISH_TIMEOUT_MS = 20_000;
/** How long the unpatched rendering is watched: several times the observed establishment time. */
const NEGATIVE_WINDOW_MS = 8_000;

const inside = (prefix: string, cidr: string): boolean => {
  const [address, length] = ipaddr.IPv4.parseCIDR(prefix);
  const range = ipaddr.IPv4.parseCIDR(cidr);
  return length >= range[1] && address.match(range);
};

const linkMtu = (ns: string, device: string): number => Number(/\bmtu (\d+)/.exec(ip(['-n', ns, 'link', 'show', device]).stdout)?.[1]);

const blocker = liveBlocker();
if (blocker) {
  if (liveMustFail()) {
    describe('live BGP over GRE', () => {
      it('can run here', () => {
        throw new Error(blocker);
      });
    });
  } else {
    console.warn(`\n!!! SKIPPING the live BGP suite: ${blocker}\n`);
  }
}

/** Builds a lab for the fixture, tears it down afterwards (keeping logs if a test failed). */
function useLab(build: () => LabInput): () => Lab {
  let lab: Lab | undefined;
  let failed = false;
  beforeAll(async () => {
    removeStaleNamespaces();
    lab = new Lab(build());
    try {
      await lab.up();
    } catch (error) {
      failed = true;
      throw new Error(`${String(error)}\n(lab files: ${lab.workDir ?? 'none'})`);
    }
  });
  afterAll(() => {
    if (failed && lab?.workDir) console.error(`live lab ${lab.prefix} failed; configs and logs kept in ${lab.workDir}`);
    lab?.teardown(failed);
  });
  return () => {
    onTestFailed(() => {
      failed = true;
    });
    if (!lab) throw new Error('lab not built');
    return lab;
  };
}

/** The positive assertions shared by every strategy. */
function peeringAssertions(title: string, getLab: () => Lab): void {
  it('the underlay carries GREv0 between the VPC IP and the TGW GRE address, the tunnel MTU as netplan says', async () => {
    const lab = getLab();
    for (const node of lab.nodes) {
      const peer = node.input.node.connectPeer;
      const target = peer.tgwBgpAddresses[0];
      const capture = await captureGre(node.namespace, 'u0', target);
      const text = capture.lines.join('\n');
      expect(text, `tcpdump on ${node.input.node.name}'s underlay`).toContain(`${node.tunnel.local} > ${node.tunnel.remote}: GREv0`);
      expect(text).toContain(`${peer.nodeBgpAddress} > ${target}: ICMP echo request`);
      if (node.tunnel.mtu !== undefined) expect(linkMtu(node.namespace, node.tunnel.name)).toBe(node.tunnel.mtu);
      console.log(`${title}: ${node.input.node.name} underlay (tcpdump -i u0 ip proto 47)\n${text}`);
    }
  });

  it('both sessions of every Connect peer are Established on both ends', async () => {
    const lab = getLab();
    const { value, ms } = await waitUntil('every session Established on BIRD and on the TGW speaker', ESTABLISH_TIMEOUT_MS, () => {
      const views = sessions(lab);
      return { done: views.every((v) => v.establishedOnBothEnds), value: views };
    });
    expect(value).toHaveLength(lab.nodes.length * 2);
    console.log(`${title}: ${value.length} sessions Established on both ends after ${ms} ms`);
  });

  it('each TGW speaker learns exactly the node’s egress /32s, AS_PATH = cluster ASN, next hop = N+1; no pod route', async () => {
    const lab = getLab();
    // an empty expectation would be met by a TGW that learned nothing
    for (const node of lab.nodes) expect(node.egressPrefixes.length, `egress /32s of ${node.input.node.name}`).toBeGreaterThan(0);
    const { value } = await waitUntil('the TGW speakers to learn the egress /32s', ESTABLISH_TIMEOUT_MS, () => {
      const views = learnedByTgw(lab);
      const complete = views.every((v) => v.learned.length >= v.node.egressPrefixes.length);
      return { done: complete, value: views.map((v) => ({ speaker: v.speaker.address, learned: v.learned })) };
    });
    for (const view of learnedByTgw(lab)) {
      const { cluster, node } = view.node.input;
      expect(view.learned.map((p) => p.prefix), `speaker ${view.speaker.address}`).toEqual([...view.node.egressPrefixes].sort());
      for (const path of view.learned) {
        expect(path.asPath, `AS_PATH of ${path.prefix}`).toEqual([cluster.asNumber]);
        expect(path.nextHop, `next hop of ${path.prefix}`).toBe(node.connectPeer.nodeBgpAddress);
        expect(path.fromNeighbor).toBe(node.connectPeer.nodeBgpAddress);
        expect(inside(path.prefix, cluster.podCidr ?? '0.0.0.0/32'), `${path.prefix} is a pod route`).toBe(false);
      }
      expect(view.learned.some((p) => p.prefix === view.node.podBlock)).toBe(false);
    }
    expect(value.length).toBe(lab.nodes.length * 2);
    console.log(evidence(lab, title));
  });

  it('imports only importFromTransitGateway on the node (the TGW’s announcements arrive and are filtered)', async () => {
    const lab = getLab();
    await waitUntil('every announcement of the TGW to reach BIRD', ESTABLISH_TIMEOUT_MS, () => {
      const views = importsOnNodes(lab);
      return { done: views.every((v) => v.updatesReceived >= TGW_ANNOUNCES.length), value: views };
    });
    const views = importsOnNodes(lab);
    expect(views).toHaveLength(lab.nodes.length * 2);
    for (const view of views) {
      const node = lab.nodes.find((n) => n.input.node.name === view.node);
      const allowed = node?.input.cluster.importFromTransitGateway ?? [];
      const expected = TGW_ANNOUNCES.filter((prefix) => allowed.some((cidr) => inside(prefix, cidr))).sort();
      // an empty expectation (nothing imported) is met only with every announcement received and filtered
      expect(view.updatesReceived, `${view.node} ${view.protocol}: announcements received`).toBeGreaterThanOrEqual(TGW_ANNOUNCES.length);
      expect(view.routes.sort(), `${view.node} ${view.protocol}: routes imported`).toEqual(expected);
      expect(view.imported).toBe(expected.length);
      expect(view.updatesFiltered).toBe(TGW_ANNOUNCES.length - expected.length);
      // sourceAddress None: the kernel picked the tunnel's address, the node's BGP address N+1
      expect(view.sourceAddress).toBe(node?.input.node.connectPeer.nodeBgpAddress);
      expect(view.session).toMatch(/external multihop/);
    }
    console.log(`${title}: imported on the nodes\n${JSON.stringify(importsOnNodes(lab), null, 2)}`);
  });
}

/**
 * With the node mesh every node learns the others' egress /32s over iBGP. `hostedOnly` (the fixture's
 * advertiseGatewayRoutes: hostingNode): the BGPFilter's source RemotePeers rules keep them from the TGW,
 * which hears from each node only the /32s it holds. Otherwise (the control) each node re-advertises them.
 */
function meshAssertions(getLab: () => Lab, hostedOnly: boolean): void {
  it(`node mesh: every node learns the others' egress /32s over iBGP and ${hostedOnly ? 'exports none of them' : 're-advertises them'} to the TGW`, async () => {
    const lab = getLab();
    const others = (node: Lab['nodes'][number]): string[] => node.meshPeers.flatMap((peer) => peer.egressPrefixes).sort();
    for (const node of lab.nodes) expect(others(node).length, `mesh-learned /32s expected on ${node.input.node.name}`).toBeGreaterThan(0);
    // the mesh delivered the other nodes' /32s: without them the export check below would prove nothing
    await waitUntil('every node to learn the others\' egress /32s over the mesh', ESTABLISH_TIMEOUT_MS, () => {
      const learned = lab.nodes.map((node) => node.meshPeers.flatMap((peer) => birdRoutesFrom(node.birdSocket, meshProtocolName(peer.input.node.vpcIp))));
      return { done: lab.nodes.every((node, i) => others(node).every((prefix) => learned[i]!.includes(prefix))), value: learned };
    });
    const expected = (node: Lab['nodes'][number]): string[] => (hostedOnly ? [...node.egressPrefixes].sort() : [...node.egressPrefixes, ...others(node)].sort());
    const { value } = await waitUntil('the TGW speakers to learn what each node exports', ESTABLISH_TIMEOUT_MS, () => {
      const views = learnedByTgw(lab);
      return { done: views.every((v) => v.learned.length >= expected(v.node).length), value: views.map((v) => ({ speaker: v.speaker.address, learned: v.learned.map((p) => p.prefix) })) };
    });
    expect(value).toHaveLength(lab.nodes.length * 2);
    for (const node of lab.nodes) {
      for (const speaker of node.speakers) {
        // BIRD's own count of what the export filter let through to this TGW session
        expect(birdProtocolStats(node.birdSocket, nodePeerProtocolName(speaker.address)).exported, `${node.input.node.name} → ${speaker.address}: routes exported`).toBe(expected(node).length);
      }
    }
    for (const view of learnedByTgw(lab)) expect(view.learned.map((p) => p.prefix).sort(), `speaker ${view.speaker.address}`).toEqual(expected(view.node));
    console.log(evidence(lab, `node mesh, advertiseGatewayRoutes ${hostedOnly ? 'hostingNode' : 'allPeers (control)'}`));
  });
}

describe.skipIf(blocker !== undefined)('live BGP over GRE', () => {
  describe('seed fixture (templatePatch, two nodes): emitted netplan + peers.conf', () => {
    const getLab = useLab(() => labInput(compileFixture('seed/topology.yaml', { useLock: true }), { tag: 'seed', tgwAnnounces: TGW_ANNOUNCES }));
    peeringAssertions('seed, templatePatch', getLab);
  });

  describe('negative control: the unpatched template (`direct`) across the routed hop', () => {
    const getLab = useLab(() => labInput(compileFixture('seed/topology.yaml', { useLock: true }), { tag: 'direct', connection: 'direct', tgwAnnounces: TGW_ANNOUNCES }));

    it(`no session reaches Established on either end within ${NEGATIVE_WINDOW_MS / 1000} s, and the TGW learns nothing`, async () => {
      const lab = getLab();
      const last = await neverWithin('a session with the `direct` rendering reaching Established', NEGATIVE_WINDOW_MS, () => {
        const views = sessions(lab);
        return { done: views.some((v) => v.establishedOnEitherEnd), value: views };
      });
      expect(last).toHaveLength(lab.nodes.length * 2);
      // every expected session exists on both ends and is merely not Established: a protocol that was never
      // configured would "never establish" too, and prove nothing
      for (const view of last) {
        expect(view.bird, `BIRD protocol ${view.protocol} on ${view.node}`).not.toBe('missing');
        expect(view.bird, `BIRD protocol ${view.protocol} on ${view.node}`).not.toMatch(/Established/);
        expect(view.tgw, `TGW speaker ${view.tgwAddress}: neighbor ${view.node}`).toBeDefined();
      }
      for (const view of learnedByTgw(lab)) expect(view.learned, `speaker ${view.speaker.address}`).toEqual([]);
      console.log(evidence(lab, 'negative control: unpatched `direct` rendering'));
    });
  });

  describe('live-interface-route fixture (interfaceRoute: /32 tunnel address + link route, two nodes, node mesh, advertiseGatewayRoutes: hostingNode)', () => {
    const getLab = useLab(() =>
      labInput(compileFixture('live-interface-route/topology.yaml', { useLock: true }), { tag: 'ifroute', tgwAnnounces: TGW_ANNOUNCES, mesh: true }),
    );
    meshAssertions(getLab, true);
    it('the tunnels carry the BGP address as a /32 with a link-scope route for the /29', () => {
      for (const node of getLab().nodes) {
        const peer = node.input.node.connectPeer;
        expect(node.tunnel.addresses).toEqual([`${peer.nodeBgpAddress}/32`]);
        expect(node.tunnel.routes).toContainEqual({ to: peer.insideCidr, scope: 'link' });
      }
    });
    peeringAssertions('live-interface-route, interfaceRoute', getLab);
  });

  describe('control: the same fixture and mesh with advertiseGatewayRoutes: allPeers', () => {
    const fixture = readFileSync(join(FIXTURES, 'live-interface-route/topology.yaml'), 'utf8');
    const specText = fixture.replace(/^( +)advertiseGatewayRoutes: hostingNode\b/m, '$1advertiseGatewayRoutes: allPeers');
    const getLab = useLab(() => {
      if (specText === fixture) throw new Error('the fixture no longer sets advertiseGatewayRoutes: hostingNode');
      return labInput(compileFixture('live-interface-route/topology.yaml', { useLock: true, specText }), { tag: 'allpeers', tgwAnnounces: TGW_ANNOUNCES, mesh: true });
    });
    meshAssertions(getLab, false);
  });
});
