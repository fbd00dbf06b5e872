// Property tests: for random valid topologies the allocations obey AWS's rules, edits move only what was
// edited (byte for byte in the lock), and the same spec and lock always give the same result.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planFirewallRules } from '../../src/model/firewall-rules.js';
import { checkLockConsistency, parseLock, serializeLock, type Lock } from '../../src/allocate/lock.js';
import { stringify } from 'yaml';
import { compile, type CompileOutput } from '../../src/compile.js';
import { expectAwsRules } from './aws-rules.js';
import { addAndRemove, allocateWorld, nodeCount, permuteEveryList, reorder, toSpec, toSpecInput, usableSlash29s, worldArb, type World } from './world.js';

// Shrinking chained arbitraries can take long: the time limit ends it (a failure found is still reported)
// within the test timeout; on a slow machine it may also cut the number of passing runs.
const RUNS = { numRuns: 150, interruptAfterTimeLimit: 40_000 };

const ruleCount = (world: World): number => planFirewallRules(toSpec(world)).length;
const fits = (world: World): boolean =>
  nodeCount(world) <= usableSlash29s(world.pool).length && (world.capacity === undefined || world.capacity >= ruleCount(world));

function lockOf(world: World, previous?: Lock): Lock {
  const result = allocateWorld(world, previous);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.lock;
}

/** The lock restricted to the given owners and rule keys (capacity left out), as bytes. */
function restricted(lock: Lock, owners: ReadonlySet<string>, rules: ReadonlySet<string>): string {
  return serializeLock({
    ...lock,
    connectPeers: Object.fromEntries(Object.entries(lock.connectPeers).filter(([k]) => owners.has(k))),
    // released: lists what this edit removed, which is the edit's business, not a kept allocation
    released: { connectPeers: {} },
    firewall: { rules: Object.fromEntries(Object.entries(lock.firewall.rules).filter(([k]) => rules.has(k))) },
  });
}

const ownersOf = (world: World): Set<string> => new Set(world.clusters.flatMap((c) => c.nodes.map((n) => `${c.name}/${n.name}`)));
const ruleKeysOf = (world: World): Set<string> => new Set(planFirewallRules(toSpec(world)).map((r) => r.key));
const intersect = (a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> => new Set([...a].filter((x) => b.has(x)));

/** The whole pipeline, as `build` runs it, on the spec written as YAML (and the lock as its file). */
function compileText(specText: string, lockText?: string): CompileOutput {
  return compile({ spec: { path: 'world.yaml', text: specText }, files: new Map(), ...(lockText !== undefined ? { lock: { path: 'world.lock.yaml', text: lockText } } : {}) });
}

/** The output tree as build writes it: every path with its mode and bytes, then the lock. */
function tree(output: CompileOutput): string {
  expect(output.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return [...output.artifacts.map((a) => `=== ${a.path} ${a.mode.toString(8)}\n${a.content}`), `=== lock\n${output.lockText ?? ''}`].join('\n');
}

describe('allocation properties', () => {
  it('order never matters: any permutation of any list in the spec gives the same output tree and lock, byte for byte', () => {
    fc.assert(
      fc.property(worldArb, fc.gen(), (world, g) => {
        fc.pre(fits(world));
        const input = toSpecInput(world);
        const first = compileText(stringify(input));
        // worlds the firewall lint refuses (e.g. two allow entries granting the same thing) prove nothing here
        fc.pre(first.diagnostics.every((d) => d.severity !== 'error'));
        const expected = tree(first);
        const permuted = stringify(permuteEveryList(input, g));
        expect(tree(compileText(permuted))).toBe(expected);
        // and with the lock of the first build: nothing moves
        expect(tree(compileText(permuted, first.lockText))).toBe(expected);
      }),
      { numRuns: 25, interruptAfterTimeLimit: 40_000 },
    );
  });

  it('obeys every AWS rule, or fails naming the exhausted pool or the too small capacity', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const result = allocateWorld(world);
        const errors = result.diagnostics.filter((d) => d.severity === 'error');
        if (fits(world)) {
          expect(errors).toEqual([]);
          expectAwsRules(toSpec(world), result.model!);
          expect(checkLockConsistency(result.lock)).toEqual([]);
        } else {
          expect(result.model).toBeUndefined();
          const codes = new Set(errors.map((e) => e.code));
          if (nodeCount(world) > usableSlash29s(world.pool).length) {
            expect(codes.has('pool-exhausted')).toBe(true);
            expect(errors.find((e) => e.code === 'pool-exhausted')!.message).toContain(`insideCidrPool ${world.pool}`);
          }
          if (world.capacity !== undefined && world.capacity < ruleCount(world)) expect(codes.has('capacity-too-small')).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('gives the same result for the same spec and lock, and the lock is a fixed point', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        fc.pre(fits(world));
        const first = allocateWorld(world);
        const second = allocateWorld(world);
        expect(second.model).toEqual(first.model);
        const text = serializeLock(first.lock);
        expect(serializeLock(second.lock)).toBe(text);
        const again = allocateWorld(world, first.lock);
        expect(serializeLock(again.lock)).toBe(text);
        expect(again.model).toEqual(first.model);
        expect(again.diagnostics).toEqual([]);
        // the serialized lock parses back to the same bytes
        const parsed = parseLock({ path: 'world.lock.yaml', text });
        expect(parsed.diagnostics).toEqual([]);
        expect(serializeLock(parsed.lock!)).toBe(text);
      }),
      RUNS,
    );
  });

  it('does not depend on the order of nodes, clusters, gateways, services or rules', () => {
    fc.assert(
      fc.property(worldArb, fc.gen(), (world, g) => {
        fc.pre(fits(world));
        const shuffled = reorder(world, g);
        const lock = lockOf(world);
        expect(serializeLock(lockOf(shuffled))).toBe(serializeLock(lock));
        expect(serializeLock(lockOf(shuffled, lock))).toBe(serializeLock(lock));
      }),
      RUNS,
    );
  });

  it('changes only the allocations of what was added or removed', () => {
    fc.assert(
      fc.property(worldArb, fc.gen(), (world, g) => {
        fc.pre(fits(world));
        const edited = reorder(addAndRemove(world, g), g);
        fc.pre(nodeCount(edited) <= usableSlash29s(edited.pool).length && (edited.capacity === undefined || edited.capacity >= ruleCount(edited)));
        const before = lockOf(world);
        const result = allocateWorld(edited, before);
        expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(result.diagnostics.filter((d) => d.code === 'allocation-moved')).toEqual([]);
        const after = result.lock;
        expectAwsRules(toSpec(edited), result.model!);

        const keptOwners = intersect(ownersOf(world), ownersOf(edited));
        const keptRules = intersect(ruleKeysOf(world), ruleKeysOf(edited));
        expect(restricted(after, keptOwners, keptRules)).toBe(restricted(before, keptOwners, keptRules));
        // removed owners release theirs; added owners got an entry
        expect(Object.keys(after.connectPeers).sort()).toEqual([...ownersOf(edited)].sort());
        expect(Object.keys(after.firewall.rules).sort()).toEqual([...ruleKeysOf(edited)].sort());

        // a new node takes the lowest-numbered attachment with room: every lower one is full, counting the
        // slots of peers removed in this edit (no reuse within one apply)
        const releasedOn = new Map<string, number>();
        for (const [owner, peer] of Object.entries(before.connectPeers)) {
          if (!keptOwners.has(owner)) releasedOn.set(peer.connectAttachment, (releasedOn.get(peer.connectAttachment) ?? 0) + 1);
        }
        for (const cluster of result.model!.clusters) {
          const sizes = new Map(cluster.connectAttachments.map((a) => [a.number, a.peers.length]));
          for (const node of cluster.nodes.filter((n) => !keptOwners.has(`${cluster.name}/${n.name}`))) {
            const number = Number(node.connectPeer.attachment.split('-').pop());
            for (let lower = 1; lower < number; lower++) {
              const name = `${cluster.name}-connect-${lower}`;
              expect((sizes.get(lower) ?? 0) + (releasedOn.get(name) ?? 0), `${name} is full`).toBeGreaterThanOrEqual(4);
            }
          }
        }
        // capacity never shrinks by itself and changes only when the rules outgrow it
        const capacityBefore = before.firewall.ruleGroupCapacity!;
        const capacityAfter = after.firewall.ruleGroupCapacity!;
        if (edited.capacity === undefined) {
          expect(capacityAfter).toBeGreaterThanOrEqual(capacityBefore);
          const rules = ruleCount(edited);
          if (rules <= capacityBefore) expect(capacityAfter).toBe(capacityBefore);
          expect(result.diagnostics.some((d) => d.code === 'capacity-grows')).toBe(capacityAfter !== capacityBefore);
        }
      }),
      RUNS,
    );
  });

  it('no reuse within one apply: a new peer never gets a value or attachment slot released in the same edit while another is free', () => {
    fc.assert(
      fc.property(worldArb, fc.gen(), (world, g) => {
        fc.pre(fits(world));
        const edited = addAndRemove(world, g);
        fc.pre(nodeCount(edited) <= usableSlash29s(edited.pool).length && (edited.capacity === undefined || edited.capacity >= ruleCount(edited)));
        const before = lockOf(world);
        const result = allocateWorld(edited, before);
        expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const after = result.lock;
        const now = ownersOf(edited);
        const removed = Object.entries(before.connectPeers).filter(([owner]) => !now.has(owner));
        const added = [...now].filter((owner) => before.connectPeers[owner] === undefined);
        // the lock records exactly what this edit released (the peers changed whenever one was removed)
        if (removed.length > 0) expect(after.released.connectPeers).toEqual(Object.fromEntries(removed));
        const releasedInside = new Set(removed.map(([, p]) => p.insideCidr));
        const releasedGre = new Set(removed.map(([, p]) => p.tgwGreAddress));
        const held = new Set(Object.values(after.connectPeers).map((p) => p.insideCidr));
        const warned = new Set(result.diagnostics.filter((d) => d.code === 'allocation-reuses-released').map((d) => d.message.split(' ')[4]!));
        for (const owner of added) {
          const peer = after.connectPeers[owner]!;
          if (releasedInside.has(peer.insideCidr)) {
            // forced: every other /29 of the pool is taken or released too, and build said so at the node
            expect(usableSlash29s(edited.pool).every((c) => held.has(c) || releasedInside.has(c)), `${owner} reuses ${peer.insideCidr} while another /29 is free`).toBe(true);
            expect(warned.has(owner)).toBe(true);
          }
          // the TGW blocks always have room in these worlds
          expect(releasedGre.has(peer.tgwGreAddress), `${owner} reuses GRE ${peer.tgwGreAddress}`).toBe(false);
          // an attachment never holds more than four peers counting the ones being removed
          const attachment = peer.connectAttachment;
          const onIt = (peers: Record<string, { connectAttachment: string }>) => Object.values(peers).filter((p) => p.connectAttachment === attachment).length;
          expect(onIt(after.connectPeers) + removed.filter(([, p]) => p.connectAttachment === attachment).length, attachment).toBeLessThanOrEqual(4);
        }
        // a warning only for a real reuse
        for (const owner of warned) expect(added).toContain(owner);
        // rebuilding keeps the lock (released: included) as it is
        expect(serializeLock(lockOf(edited, after))).toBe(serializeLock(after));
        // the next edit that adds a peer still avoids what this one released (it may not have been applied alone)
        const more: World = { ...edited, clusters: edited.clusters.map((c, i) => (i === 0 ? { ...c, nodes: [...c.nodes, { name: 'new-9', host: 9, az: 'eu-west-1a', mtu: 1500 }] } : c)) };
        fc.pre(nodeCount(more) + releasedInside.size <= usableSlash29s(more.pool).length);
        const next = allocateWorld(more, after);
        const late = next.lock.connectPeers[`${more.clusters[0]!.name}/new-9`]!;
        expect(releasedInside.has(late.insideCidr)).toBe(false);
        expect(releasedGre.has(late.tgwGreAddress)).toBe(false);
        expect(next.lock.released.connectPeers).toEqual({});
      }),
      RUNS,
    );
  });

  it('a new pin on a value the lock gave another node moves exactly that node, with one warning', () => {
    fc.assert(
      fc.property(worldArb, fc.nat(), fc.nat(), (world, pickPinned, pickHolder) => {
        fc.pre(fits(world));
        const owners = world.clusters.flatMap((c) => c.nodes.map((n) => ({ cluster: c.name, node: n })));
        const holders = owners.filter((o) => o.node.pinInside === undefined);
        fc.pre(owners.length >= 2 && holders.length >= 1);
        const holder = holders[pickHolder % holders.length]!;
        const others = owners.filter((o) => o !== holder);
        const pinned = others[pickPinned % others.length]!;
        const holderKey = `${holder.cluster}/${holder.node.name}`;
        const pinnedKey = `${pinned.cluster}/${pinned.node.name}`;
        const before = lockOf(world);
        const stolen = before.connectPeers[holderKey]!.insideCidr;
        const edited: World = {
          ...world,
          clusters: world.clusters.map((c) => ({
            ...c,
            nodes: c.nodes.map((n) => (c.name === pinned.cluster && n.name === pinned.node.name ? { ...n, pinInside: stolen } : n)),
          })),
        };
        const result = allocateWorld(edited, before);
        expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const moved = result.diagnostics.filter((d) => d.code === 'allocation-moved');
        expect(moved.map((d) => d.message.split(';')[1]!.trim().split(' ')[0])).toEqual([holderKey]);
        expect(result.lock.connectPeers[pinnedKey]!.insideCidr).toBe(stolen);
        expect(result.lock.connectPeers[holderKey]!.insideCidr).not.toBe(stolen);
        const untouched = new Set([...ownersOf(world)].filter((o) => o !== holderKey && o !== pinnedKey));
        expect(restricted(result.lock, untouched, ruleKeysOf(world))).toBe(restricted(before, untouched, ruleKeysOf(world)));
        expectAwsRules(toSpec(edited), result.model!);
      }),
      RUNS,
    );
  });

  it('bumps the rev of exactly the rules whose content changed', () => {
    fc.assert(
      fc.property(worldArb, fc.nat(), fc.integer({ min: 1, max: 65535 }), (generated, pick, port) => {
        const world: World = { ...generated, capacity: undefined };
        fc.pre(fits(world));
        const service = world.services[pick % world.services.length]!;
        fc.pre(!service.ports.some((p) => p.port === port && p.protocol === 'tcp'));
        const edited: World = { ...world, services: world.services.map((s) => (s === service ? { ...s, ports: [...s.ports, { port, protocol: 'tcp' as const }] } : s)) };
        const before = lockOf(world);
        const after = lockOf(edited, before);
        const oldRules = new Map(planFirewallRules(toSpec(world)).map((r) => [r.key, JSON.stringify(r)]));
        for (const rule of planFirewallRules(toSpec(edited))) {
          const previous = before.firewall.rules[rule.key];
          const now = after.firewall.rules[rule.key]!;
          if (!previous) {
            expect(now.rev).toBe(1);
            continue;
          }
          expect(now.sid).toBe(previous.sid);
          expect(now.rev).toBe(oldRules.get(rule.key) === JSON.stringify(rule) ? previous.rev : previous.rev + 1);
        }
      }),
      RUNS,
    );
  });
});
