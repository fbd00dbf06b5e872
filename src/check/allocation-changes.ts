// What the allocation changed against the previous lock, reported where the spec caused it: a value
// that moves (its Connect peer is replaced, the BGP sessions go down) and a rule group capacity that
// changes (the rule group is replaced). The allocator only records them (src/model/allocation-changes.ts).
import type { SpecPath } from '../diagnostics/types.js';
import type { AllocationChanges, CapacityChange, MovedValue, ReusedValue } from '../model/allocation-changes.js';
import type { Spec } from '../spec/schema.js';
import type { Report } from './context.js';

const REPLACED = 'Changing the capacity forces Terraform to replace the rule group (a new rule group is created and the policy switched to it).';

function nodePaths(spec: Spec): Map<string, SpecPath> {
  const paths = new Map<string, SpecPath>();
  spec.spec.clusters.forEach((cluster, c) =>
    cluster.peeringNodes.forEach((node, n) => paths.set(`${cluster.name}/${node.name}`, ['spec', 'clusters', c, 'peeringNodes', n])),
  );
  return paths;
}

function reportMove(move: MovedValue, paths: ReadonlyMap<string, SpecPath>, spec: Spec, report: Report): void {
  const tgw = spec.spec.transitGateway;
  const label = move.field === 'insideCidr' ? 'inside CIDR' : 'TGW GRE address';
  const poolName = move.field === 'insideCidr' ? `insideCidrPool ${tgw.insideCidrPool}` : `the TGW CIDR blocks (${tgw.cidrBlocks.join(', ')})`;
  const pinned = move.reason.kind === 'pinned';
  const reason =
    move.reason.kind === 'pinned'
      ? `The pin of ${move.reason.by} takes ${label} ${move.from}, which the lock gave to ${move.owner}`
      : `The lock's ${label} ${move.from} of ${move.owner} is no longer in ${poolName}`;
  const nodePath = paths.get(move.owner);
  const byPath = move.reason.kind === 'pinned' ? paths.get(move.reason.by) : undefined;
  const path = pinned && byPath ? [...byPath, 'pin', move.field] : nodePath;
  if (!path) return;
  report({
    code: 'allocation-moved',
    severity: 'warning',
    path,
    message: `${reason}; ${move.owner} moves to ${move.to}, which replaces its Connect peer (its BGP sessions go down).`,
    hint: 'Expected if you meant to change this; otherwise restore the previous pin or pool so the peer keeps its value.',
  });
}

function reportReuse(reuse: ReusedValue, paths: ReadonlyMap<string, SpecPath>, spec: Spec, report: Report): void {
  const path = paths.get(reuse.owner);
  if (!path) return;
  const tgw = spec.spec.transitGateway;
  const label = reuse.field === 'insideCidr' ? 'inside CIDR' : 'TGW GRE address';
  const poolName = reuse.field === 'insideCidr' ? `insideCidrPool ${tgw.insideCidrPool}` : `the TGW CIDR blocks (${tgw.cidrBlocks.join(', ')})`;
  const room = reuse.field === 'insideCidr' ? 'make room in transitGateway.insideCidrPool' : 'add a CIDR block to transitGateway.cidrBlocks';
  report({
    code: 'allocation-reuses-released',
    severity: 'warning',
    path,
    message: `The Connect peer of ${reuse.owner} gets ${label} ${reuse.text}, which the removed Connect peer of ${reuse.formerOwner} released (in this edit or the last one): nothing else in ${poolName} is free. Terraform may create the new peer before it destroys the old one, and AWS refuses a second peer with the same ${label} on the Transit Gateway.`,
    hint: `Apply the removal first (build and apply without the new node, then add it), or ${room}.`,
  });
}

function reportCapacity(change: CapacityChange, report: Report): void {
  if (change.kind === 'fixed') {
    report({
      code: 'capacity-changes',
      severity: 'warning',
      path: ['spec', 'firewall', 'ruleGroup', 'capacity'],
      message: `Rule group capacity changes from ${change.from} to ${change.to}.`,
      hint: REPLACED,
    });
  } else {
    report({
      code: 'capacity-grows',
      severity: 'warning',
      path: ['spec', 'firewall', 'ruleGroup'],
      message: `Rule group capacity grows from ${change.from} to ${change.to} for ${change.rules} rules.`,
      hint: `${REPLACED} Set firewall.ruleGroup.capacity to plan the size yourself.`,
    });
  }
}

export function checkAllocationChanges(spec: Spec, changes: AllocationChanges, report: Report): void {
  const paths = nodePaths(spec);
  for (const move of changes.moved) reportMove(move, paths, spec, report);
  for (const reuse of changes.reused) reportReuse(reuse, paths, spec, report);
  if (changes.capacity) reportCapacity(changes.capacity, report);
}
