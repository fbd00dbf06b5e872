// What a change means: the previous build's inventory (from its manifest) against the next one, plus
// the Terraform preview. Pure; rendered as Markdown so that it reads well in a pull-request comment.
import type { ConnectPeerRecord, FirewallRuleRecord, Inventory, ReachabilityRecord } from './inventory.js';
import { REPLACEMENT_IMPACT } from './force-new.js';
import { reuseInOneApply, type ReuseInOneApply } from './reuse.js';
import type { TerraformPlan } from './terraform-plan.js';

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

export interface Changed {
  key: string;
  fields: FieldChange[];
}

export interface KeyedChanges {
  added: string[];
  removed: string[];
  changed: Changed[];
}

export interface ReachabilityChange {
  key: string;
  before?: string;
  after?: string;
}

export interface ChangeSummary {
  /** Connect peers: every settable argument is replace-on-change, so `changed` peers are replaced */
  connectPeers: KeyedChanges;
  /** new Connect peers that get what a peer destroyed in the same apply frees (reuse.ts) */
  reusedInOneApply: ReuseInOneApply[];
  bgpSessions: KeyedChanges;
  egressPools: KeyedChanges;
  firewallRules: KeyedChanges;
  /** flows whose verdict the change gives, takes away or alters; undefined when the previous build recorded none */
  reachability?: ReachabilityChange[];
  ruleGroup: FieldChange[];
  transitGateway: FieldChange[];
  terraform: TerraformPlan;
}

const EMPTY_INVENTORY: Inventory = {
  transitGateway: { name: '', amazonSideAsn: 0 },
  ruleGroup: { name: '', capacity: 0 },
  connectPeers: [],
  bgpSessions: [],
  egressPools: [],
  firewallRules: [],
  reachability: [],
};

function compareReachability(before: readonly ReachabilityRecord[], after: readonly ReachabilityRecord[]): ReachabilityChange[] {
  const old = new Map(before.map((r) => [r.key, r.verdict]));
  const next = new Map(after.map((r) => [r.key, r.verdict]));
  return [
    ...after.filter((r) => old.get(r.key) !== r.verdict).map((r) => ({ key: r.key, after: r.verdict, ...(old.has(r.key) ? { before: old.get(r.key)! } : {}) })),
    ...before.filter((r) => !next.has(r.key)).map((r) => ({ key: r.key, before: r.verdict })),
  ];
}

function fieldChanges<T extends object>(before: T, after: T, fields: readonly (keyof T & string)[]): FieldChange[] {
  return fields
    .map((field) => ({ field, before: String(before[field]), after: String(after[field]) }))
    .filter((c) => c.before !== c.after);
}

function compareKeyed<T extends { key: string }>(before: readonly T[] | undefined, after: readonly T[], fields: readonly (keyof T & string)[]): KeyedChanges {
  const old = new Map((before ?? []).map((r) => [r.key, r]));
  const next = new Map(after.map((r) => [r.key, r]));
  const changed: Changed[] = [];
  for (const record of after) {
    const was = old.get(record.key);
    if (!was) continue;
    const fieldsChanged = fieldChanges(was, record, fields);
    if (fieldsChanged.length > 0) changed.push({ key: record.key, fields: fieldsChanged });
  }
  return {
    added: after.filter((r) => !old.has(r.key)).map((r) => r.key),
    removed: (before ?? []).filter((r) => !next.has(r.key)).map((r) => r.key),
    changed,
  };
}

const PEER_FIELDS: readonly (keyof ConnectPeerRecord & string)[] = ['insideCidr', 'tgwGreAddress', 'peerAddress', 'bgpAsn', 'attachment'];
const RULE_FIELDS: readonly (keyof FirewallRuleRecord & string)[] = ['position', 'sid', 'rev', 'action', 'protocol', 'sources', 'destinations', 'ports'];

/** `before` is undefined for a first build (or a manifest without an inventory). */
export function summarizeChange(before: Partial<Inventory> | undefined, after: Inventory, terraform: TerraformPlan): ChangeSummary {
  const old = { ...EMPTY_INVENTORY, ...(before ?? {}) };
  return {
    connectPeers: compareKeyed(old.connectPeers, after.connectPeers, PEER_FIELDS),
    reusedInOneApply: before ? reuseInOneApply(old.connectPeers, after.connectPeers) : [],
    bgpSessions: compareKeyed(old.bgpSessions, after.bgpSessions, ['nodeAddress', 'nodeAsn', 'tgwAsn']),
    egressPools: compareKeyed(old.egressPools, after.egressPools, ['cidr']),
    firewallRules: compareKeyed(old.firewallRules, after.firewallRules, RULE_FIELDS),
    ...(before?.reachability ? { reachability: compareReachability(before.reachability, after.reachability) } : {}),
    ruleGroup: before ? fieldChanges(old.ruleGroup, after.ruleGroup, ['name', 'capacity']) : [],
    transitGateway: before ? fieldChanges(old.transitGateway, after.transitGateway, ['amazonSideAsn']) : [],
    terraform,
  };
}

const isEmptyKeyed = (c: KeyedChanges): boolean => c.added.length + c.removed.length + c.changed.length === 0;

export function summaryIsEmpty(s: ChangeSummary): boolean {
  return (
    [s.connectPeers, s.bgpSessions, s.egressPools, s.firewallRules].every(isEmptyKeyed) &&
    (s.reachability ?? []).length === 0 &&
    s.ruleGroup.length + s.transitGateway.length === 0 &&
    s.terraform.created.length + s.terraform.destroyed.length + s.terraform.replaced.length + s.terraform.updated.length === 0
  );
}

const fieldText = (fields: readonly FieldChange[]): string => fields.map((f) => `${f.field} ${f.before} → ${f.after}`).join(', ');

function keyedLines(title: string, changes: KeyedChanges, changedVerb: string): string[] {
  if (isEmptyKeyed(changes)) return [];
  return [
    `### ${title}`,
    '',
    ...changes.added.map((k) => `- added: \`${k}\``),
    ...changes.removed.map((k) => `- removed: \`${k}\``),
    ...changes.changed.map((c) => `- ${changedVerb}: \`${c.key}\` (${fieldText(c.fields)})`),
    '',
  ];
}

/** Rules whose only change is their position are "moved": the rules string is updated in place. */
function firewallLines(changes: KeyedChanges): string[] {
  const moved = changes.changed.filter((c) => c.fields.every((f) => f.field === 'position'));
  const changed = changes.changed.filter((c) => !moved.includes(c));
  const lines = keyedLines('Firewall rules', { ...changes, changed }, 'changed');
  if (moved.length === 0) return lines;
  const movedLines = moved.map((c) => `- moved: \`${c.key}\` (${fieldText(c.fields)})`);
  return lines.length === 0 ? ['### Firewall rules', '', ...movedLines, ''] : [...lines.slice(0, -1), ...movedLines, ''];
}

const REUSE_WHAT: Record<ReuseInOneApply['field'], string> = { insideCidr: 'inside CIDR', tgwGreAddress: 'TGW GRE address', attachment: 'a slot of Connect attachment' };

function reuseLines(reuses: readonly ReuseInOneApply[]): string[] {
  if (reuses.length === 0) return [];
  return [
    '### ⚠ REUSED IN ONE APPLY: a new Connect peer gets what a peer destroyed in the same apply frees',
    '',
    ...reuses.map(
      (r) =>
        `- **REUSED** \`${r.key}\` gets ${REUSE_WHAT[r.field]} \`${r.value}\` of ${r.from.map((k) => `\`${k}\``).join(', ')}: Terraform may create it before the old peer is destroyed, and AWS refuses ${r.field === 'attachment' ? 'a fifth peer on an attachment' : 'a second peer with that value on the Transit Gateway'}. Apply the removal first, then the addition.`,
    ),
    '',
  ];
}

/** Markdown: replacements first and loudly, then the semantic changes, then the Terraform counts. */
/** "NEW: ns/app → service/ledger:443/tcp allowed", "CHANGED: …: allowed → dropped by sid 1000004", "GONE: …". */
function reachabilityLines(changes: readonly ReachabilityChange[] | undefined): string[] {
  if (!changes || changes.length === 0) return [];
  return [
    '### Reachability (egressc trace of every client, node and service port)',
    '',
    ...changes.map((c) =>
      c.before === undefined ? `- NEW: ${c.key} ${c.after ?? ''}` : c.after === undefined ? `- GONE: ${c.key} (was ${c.before})` : `- CHANGED: ${c.key}: ${c.before} → ${c.after}`,
    ),
    '',
  ];
}

export function renderSummary(s: ChangeSummary): string {
  if (summaryIsEmpty(s)) return '## What this change means\n\nNothing changes in AWS, BGP or the firewall.\n';
  const lines: string[] = ['## What this change means', ''];
  const tf = s.terraform;
  if (tf.replaced.length > 0 || s.connectPeers.changed.length > 0 || s.ruleGroup.length > 0 || s.transitGateway.length > 0) {
    lines.push('### ⚠ REPLACEMENTS: resources that will be destroyed and recreated', '');
    for (const r of tf.replaced) {
      const impact = REPLACEMENT_IMPACT[r.type];
      lines.push(`- **REPLACED** \`${r.address}\`: ${r.changes.map((c) => `${c.name} ${c.before} → ${c.after}`).join('; ')}${impact ? ` (${impact})` : ''}`);
    }
    for (const peer of s.connectPeers.changed) {
      lines.push(`- **REPLACED** Connect peer \`${peer.key}\` will be replaced: ${fieldText(peer.fields)} (its BGP sessions drop while it is recreated)`);
    }
    if (s.ruleGroup.length > 0) lines.push(`- **REPLACED** firewall rule group will be replaced: ${fieldText(s.ruleGroup)}`);
    if (s.transitGateway.length > 0) lines.push(`- **REPLACED** Transit Gateway will be replaced: ${fieldText(s.transitGateway)}`);
    lines.push('');
  }
  lines.push(...reuseLines(s.reusedInOneApply));
  lines.push(
    ...keyedLines('Connect peers', { ...s.connectPeers, changed: [] }, 'changed'),
    ...keyedLines('BGP sessions', s.bgpSessions, 'changed'),
    ...keyedLines('Egress IPs (gateway pools)', s.egressPools, 'changed'),
    ...firewallLines(s.firewallRules),
    ...reachabilityLines(s.reachability),
  );
  const counts = [
    `${tf.created.length} to create`,
    `${tf.updated.length} to update in place`,
    `${tf.replaced.length} to replace`,
    `${tf.destroyed.length} to destroy`,
  ];
  lines.push('### Terraform', '', `- ${counts.join(', ')}`);
  for (const a of tf.created) lines.push(`- create \`${a}\``);
  for (const a of tf.updated) lines.push(`- update \`${a}\``);
  for (const a of tf.destroyed) lines.push(`- destroy \`${a}\``);
  lines.push('');
  return `${lines.join('\n')}`;
}
