// Independent statement of AWS's rules for what the allocator produces (written from the reference
// facts, not from the allocator's code), used by the property tests.
import { expect } from 'vitest';
import type { Topology } from '../../src/model/types.js';
import type { PeeringNodeSpec, Spec } from '../../src/spec/schema.js';

const toNumber = (address: string): number => address.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
const fromNumber = (v: number): string => [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
export const RESERVED = ['169.254.0.0/29', '169.254.1.0/29', '169.254.2.0/29', '169.254.3.0/29', '169.254.4.0/29', '169.254.5.0/29', '169.254.169.248/29'];

function range(cidr: string): { first: number; last: number; prefix: number } {
  const [address, prefix] = cidr.split('/') as [string, string];
  const size = 2 ** (32 - Number(prefix));
  const first = toNumber(address);
  return { first, last: first + size - 1, prefix: Number(prefix) };
}

export const within = (inner: string, outer: string): boolean => {
  const i = range(inner);
  const o = range(outer);
  return i.first >= o.first && i.last <= o.last;
};

export function expectAwsRules(spec: Spec, model: Topology): void {
  const pins = new Map<string, { insideCidr?: string; tgwGreAddress?: string }>(spec.spec.clusters.flatMap((c) => c.peeringNodes.map((n) => [`${c.name}/${n.name}`, n.pin ?? {}] as const)));
  const insides = new Set<string>();
  const gres = new Set<string>();
  const pool: string = spec.spec.transitGateway.insideCidrPool;
  const blocks = spec.spec.transitGateway.cidrBlocks;
  const nodeSpecs = new Map<string, PeeringNodeSpec>(spec.spec.clusters.flatMap((c) => c.peeringNodes.map((n) => [`${c.name}/${n.name}`, n] as const)));

  // the model lists clusters and nodes by name, whatever the spec's order (the order guarantee)
  const byName = (names: string[]): string[] => names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  expect(model.clusters.map((c) => c.name)).toEqual(byName(spec.spec.clusters.map((c) => c.name)));
  for (const cluster of model.clusters) {
    expect(cluster.nodes.map((n) => n.name)).toEqual(byName(spec.spec.clusters.find((c) => c.name === cluster.name)!.peeringNodes.map((n) => n.name)));
    for (const node of cluster.nodes) {
      const owner = `${cluster.name}/${node.name}`;
      const pin = pins.get(owner)!;
      const nodeSpec = nodeSpecs.get(owner)!;
      const peer = node.connectPeer;
      const inside = range(peer.insideCidr);
      // inside /29: aligned, from 169.254.0.0/16, not reserved, in the pool unless pinned, unique on the TGW
      expect(inside.prefix, owner).toBe(29);
      expect(inside.first % 8, owner).toBe(0);
      expect(within(peer.insideCidr, '169.254.0.0/16'), owner).toBe(true);
      expect(RESERVED, owner).not.toContain(peer.insideCidr);
      if (pin.insideCidr !== undefined) expect(peer.insideCidr, owner).toBe(pin.insideCidr);
      else expect(within(peer.insideCidr, pool), `${owner}: ${peer.insideCidr} in ${pool}`).toBe(true);
      expect(insides.has(peer.insideCidr), `${peer.insideCidr} unique`).toBe(false);
      insides.add(peer.insideCidr);
      // N+1 is the node, N+2 and N+3 the TGW
      expect(peer.nodeBgpAddress).toBe(fromNumber(inside.first + 1));
      expect(peer.tgwBgpAddresses).toEqual([fromNumber(inside.first + 2), fromNumber(inside.first + 3)]);
      // GRE address: in a TGW block, unique, never a block's first or last address unless pinned
      const gre = toNumber(peer.tgwGreAddress);
      const block = blocks.map(range).find((b) => gre >= b.first && gre <= b.last);
      expect(block, `${owner}: ${peer.tgwGreAddress} in a block`).toBeDefined();
      if (pin.tgwGreAddress !== undefined) expect(peer.tgwGreAddress).toBe(pin.tgwGreAddress);
      else expect(gre !== block!.first && gre !== block!.last, `${peer.tgwGreAddress} not a block end`).toBe(true);
      expect(gres.has(peer.tgwGreAddress), `${peer.tgwGreAddress} unique`).toBe(false);
      gres.add(peer.tgwGreAddress);
      expect(peer.peerAddress).toBe(nodeSpec.vpcIp);
      // tunnel
      expect(node.tunnel.interfaceName.length).toBeLessThanOrEqual(15);
      expect(node.tunnel.interfaceName).toMatch(/^[a-z0-9][a-z0-9-]*$/);
      expect(node.tunnel).toMatchObject({ mode: 'gre', local: nodeSpec.vpcIp, remote: peer.tgwGreAddress, ttl: 255, mtu: Math.min(nodeSpec.eniMtu - 44, 8456) });
      expect(peer.attachment).toMatch(new RegExp(`^${cluster.name}-connect-[1-9][0-9]*$`));
    }
    // Connect attachments: at most 4 peers, none empty, every node on exactly the one it names
    const listed = cluster.connectAttachments.flatMap((a) => a.peers);
    expect([...listed].sort()).toEqual(cluster.nodes.map((n) => n.name).sort());
    for (const attachment of cluster.connectAttachments) {
      expect(attachment.peers.length).toBeGreaterThanOrEqual(1);
      expect(attachment.peers.length).toBeLessThanOrEqual(4);
      expect(attachment.name).toBe(`${cluster.name}-connect-${attachment.number}`);
      expect(attachment.peers).toEqual([...attachment.peers].sort());
      for (const peer of attachment.peers) expect(cluster.nodes.find((n) => n.name === peer)!.connectPeer.attachment).toBe(attachment.name);
    }
    expect(cluster.connectAttachments.map((a) => a.number)).toEqual([...cluster.connectAttachments.map((a) => a.number)].sort((a, b) => a - b));
  }
  // firewall: sids unique in Suricata's local range, revs positive, capacity room for every rule
  const sids = model.firewall.rules.map((r) => r.sid);
  expect(new Set(sids).size).toBe(sids.length);
  for (const rule of model.firewall.rules) {
    expect(rule.sid).toBeGreaterThanOrEqual(1000001);
    expect(rule.sid).toBeLessThanOrEqual(1999999);
    expect(rule.rev).toBeGreaterThanOrEqual(1);
  }
  expect(model.firewall.ruleGroup.capacity).toBeGreaterThanOrEqual(model.firewall.rules.length);
  expect(model.firewall.ruleGroup.capacity).toBeLessThanOrEqual(30000);
  if (spec.spec.firewall.ruleGroup.capacity !== undefined) expect(model.firewall.ruleGroup.capacity).toBe(spec.spec.firewall.ruleGroup.capacity);
}
