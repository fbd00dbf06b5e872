// Allocation feasibility, counted before allocating: the inside-CIDR pool and the TGW CIDR blocks must
// hold a value for every Connect peer, and the rule group must hold every firewall rule. The allocator
// (src/allocate) fills exactly these pools, keeping pins and lock values that lie in them, so the
// counts below decide whether it can succeed; it trusts them and reports nothing itself.
import type { Spec } from '../spec/schema.js';
import { planFirewallRules } from '../model/firewall-rules.js';
import { insidePool } from './addresses.js';
import { INSIDE_CIDR_PREFIX, MAX_CAPACITY, RESERVED_INSIDE_CIDRS } from './aws-facts.js';
import { containsAddress, containsNetwork, networkOf, networkSize, parseIpv4, type Ipv4Network } from './cidr.js';
import type { Report } from './context.js';

/** The /29s of the pool an allocation may use: all but AWS's reserved ones. */
function usableInsideBlocks(pool: Ipv4Network): number {
  const reservedInPool = RESERVED_INSIDE_CIDRS.map(networkOf).filter((r) => r !== undefined && containsNetwork(pool, r)).length;
  return networkSize(pool.prefix) / networkSize(INSIDE_CIDR_PREFIX) - reservedInPool;
}

/** At most five names, then how many more: messages stay readable at thousands of nodes. */
function someOf(names: readonly string[]): string {
  return names.length <= 5 ? names.join(', ') : `${names.slice(0, 5).join(', ')} and ${names.length - 5} more`;
}

interface NodeRef {
  owner: string;
  pin: { insideCidr?: string; tgwGreAddress?: string } | undefined;
}

/**
 * Who would go without a value: the allocator serves pins first, then lock values, then the rest in
 * name order, so the last names of the unpinned nodes are the ones that would find the pool empty.
 */
function leftOut(nodes: readonly NodeRef[], pinned: (node: NodeRef) => boolean, count: number): string[] {
  return nodes
    .filter((n) => !pinned(n))
    .map((n) => n.owner)
    .sort()
    .slice(-count);
}

function checkConnectPools(spec: Spec, report: Report): void {
  const tgw = spec.spec.transitGateway;
  const nodes: NodeRef[] = spec.spec.clusters.flatMap((cluster) => cluster.peeringNodes.map((node) => ({ owner: `${cluster.name}/${node.name}`, pin: node.pin })));
  if (nodes.length === 0) return;
  const pool = insidePool(spec);
  if (pool) {
    // a pin outside the pool is its own error (pin-outside-pool) and takes no /29 of the pool
    const pinnedElsewhere = nodes.filter((n) => {
      const pin = networkOf(n.pin?.insideCidr);
      return pin !== undefined && !containsNetwork(pool, pin);
    }).length;
    const usable = usableInsideBlocks(pool);
    const needed = nodes.length - pinnedElsewhere;
    if (needed > usable) {
      const without = leftOut(nodes, (n) => n.pin?.insideCidr !== undefined, needed - usable);
      report({
        code: 'pool-exhausted',
        path: ['spec', 'transitGateway', 'insideCidrPool'],
        message: `insideCidrPool ${tgw.insideCidrPool} has no free /${INSIDE_CIDR_PREFIX} left for the Connect peers of ${someOf(without)} (${nodes.length} peers on the Transit Gateway need one each; the pool holds ${usable} usable /${INSIDE_CIDR_PREFIX}s).`,
        hint: 'Set transitGateway.insideCidrPool to a larger range of 169.254.0.0/16 (the default is all of it), or remove peering nodes.',
      });
    }
  }
  const blocks = tgw.cidrBlocks.map(networkOf);
  if (blocks.length === 0 || blocks.some((b) => b === undefined)) return;
  const valid = blocks as Ipv4Network[];
  // every address of every block but its first and last (see allocate/connect-peers.ts); a pin may use those
  let usable = valid.reduce((sum, b) => sum + Math.max(0, networkSize(b.prefix) - 2), 0);
  let needed = nodes.length;
  for (const node of nodes) {
    const pin = node.pin?.tgwGreAddress === undefined ? undefined : parseIpv4(node.pin.tgwGreAddress);
    if (pin === undefined) continue;
    const block = valid.find((b) => containsAddress(b, pin));
    if (!block) needed--; // pin-gre-outside-tgw-cidr reports it
    else if (pin === block.base || pin === block.base + networkSize(block.prefix) - 1) usable++;
  }
  if (needed > usable) {
    const without = leftOut(nodes, (n) => n.pin?.tgwGreAddress !== undefined, needed - usable);
    report({
      code: 'pool-exhausted',
      path: ['spec', 'transitGateway', 'cidrBlocks'],
      message: `The Transit Gateway CIDR blocks (${tgw.cidrBlocks.join(', ')}) have no free GRE address left for the Connect peers of ${someOf(without)}.`,
      hint: 'Add another CIDR block (/24 or larger, at most 5 per Transit Gateway) to transitGateway.cidrBlocks, or use a larger block.',
    });
  }
}

function checkRuleGroup(spec: Spec, report: Report): void {
  const ruleCount = planFirewallRules(spec).length;
  const fixed = spec.spec.firewall.ruleGroup.capacity;
  if (fixed !== undefined && fixed < ruleCount) {
    report({
      code: 'capacity-too-small',
      path: ['spec', 'firewall', 'ruleGroup', 'capacity'],
      message: `Rule group capacity ${fixed} is below the ${ruleCount} rules of the firewall.`,
      hint: `Raise firewall.ruleGroup.capacity to at least ${ruleCount}, or remove it to let egressc size the rule group.`,
    });
  } else if (fixed === undefined && ruleCount > MAX_CAPACITY) {
    report({
      code: 'pool-exhausted',
      path: ['spec', 'firewall', 'allow'],
      message: `The firewall needs ${ruleCount} rules, more than the largest rule group capacity (${MAX_CAPACITY}).`,
      hint: 'Reduce the number of allow entries, gateways or services, or split the firewall.',
    });
  }
}

export function checkCapacity(spec: Spec, report: Report): void {
  checkConnectPools(spec, report);
  checkRuleGroup(spec, report);
}
