// The lock file: every allocation keyed by the stable names of its owner (`<cluster>/<node>` for Connect
// peers, the rule key for firewall rules). Built as an object and serialized by the yaml library with
// every map sorted by key, so the same lock always has the same bytes and a diff shows only real changes.
import { stringify } from 'yaml';
import * as z from 'zod';
import type { Diagnostic, SpecPath } from '../diagnostics/types.js';
import { loadYaml } from '../load/load-yaml.js';
import { INPUT_LIMIT_CODES, notALock } from '../load/lock-kind.js';
import type { SourceFile } from '../load/source.js';
import { formatIpv4, parseCidr, parseIpv4 } from '../net/ipv4.js';
import { FIRST_SID, SID_MAX } from '../facts/suricata.js';
import { MAX_CAPACITY, MAX_PEERS_PER_ATTACHMENT } from '../check/aws-facts.js';

export const LOCK_API_VERSION = 'egressc/v1alpha1';
export const LOCK_KIND = 'EgressTopologyLock';

/** Linux interface names: at most 15 characters (IFNAMSIZ - 1); egressc keeps to [a-z0-9-]. */
export const INTERFACE_NAME = /^[a-z0-9][a-z0-9-]{0,14}$/;
/** `<cluster>-connect-<n>` */
export const CONNECT_ATTACHMENT_NAME = /^([a-z0-9-]+)-connect-([1-9]\d*)$/;
export { FIRST_SID, SID_MAX } from '../facts/suricata.js';
export { MAX_CAPACITY, MAX_PEERS_PER_ATTACHMENT } from '../check/aws-facts.js';

export interface LockedConnectPeer {
  /** `<cluster>-connect-<n>` */
  connectAttachment: string;
  insideCidr: string;
  interfaceName: string;
  tgwGreAddress: string;
}

export interface LockedRule {
  /** short sha256 of the rule's content; a change bumps rev */
  digest: string;
  rev: number;
  sid: number;
}

export interface Lock {
  apiVersion: typeof LOCK_API_VERSION;
  kind: typeof LOCK_KIND;
  /** keyed by `<cluster>/<node>` */
  connectPeers: Record<string, LockedConnectPeer>;
  /**
   * The Connect peers the last edit of the peers removed (their entries as they were), kept until the next
   * build that changes the peers: their inside /29s, GRE addresses and attachment slots are not handed to
   * a new peer while another is free, because Terraform may create the new peer before it destroys the
   * old one. Written only when not empty.
   */
  released: { connectPeers: Record<string, LockedConnectPeer> };
  firewall: {
    ruleGroupCapacity?: number;
    /** keyed by rule key */
    rules: Record<string, LockedRule>;
  };
}


export const emptyLock = (): Lock => ({ apiVersion: LOCK_API_VERSION, kind: LOCK_KIND, connectPeers: {}, released: { connectPeers: {} }, firewall: { rules: {} } });

const canonicalAddress = (text: string): boolean => {
  const value = parseIpv4(text);
  return value !== undefined && formatIpv4(value) === text;
};
const insideCidr = z.string().refine((text) => {
  const network = parseCidr(text);
  return network !== undefined && network.canonical && network.prefix === 29;
}, 'must be an aligned /29 like 169.254.8.8/29');

const connectPeersSchema = z
  .record(
    z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'must be <cluster>/<node>'),
    z.strictObject({
      connectAttachment: z.string().regex(CONNECT_ATTACHMENT_NAME, 'must be <cluster>-connect-<n>'),
      insideCidr,
      interfaceName: z.string().regex(INTERFACE_NAME, 'must be at most 15 characters of a-z, 0-9 and "-"'),
      tgwGreAddress: z.string().refine(canonicalAddress, 'must be an IPv4 address'),
    }),
  )
  .default({});

const lockSchema = z.strictObject({
  apiVersion: z.literal(LOCK_API_VERSION),
  kind: z.literal(LOCK_KIND),
  connectPeers: connectPeersSchema,
  released: z.strictObject({ connectPeers: connectPeersSchema }).default({ connectPeers: {} }),
  firewall: z
    .strictObject({
      ruleGroupCapacity: z.int().min(1).max(MAX_CAPACITY).optional(),
      rules: z
        .record(
          z.string().min(1),
          z.strictObject({
            digest: z.string().regex(/^[0-9a-f]{16}$/, 'must be 16 hex digits'),
            rev: z.int().min(1),
            sid: z.int().min(FIRST_SID).max(SID_MAX),
          }),
        )
        .default({}),
    })
    .default({ rules: {} }),
});

const HINT = 'Delete the offending entry (it is allocated again on the next build) or delete the lock file; do not edit lock entries by hand.';

/**
 * Reads a lock file. A lock exactly as egressc writes it (the common case) is read without the YAML
 * parser (see readCanonicalLock); anything else, and every lock with a problem, goes through the YAML
 * library with positions, so each diagnostic points at its line.
 */
export function parseLock(file: SourceFile): { lock?: Lock; diagnostics: Diagnostic[] } {
  return parseCanonicalLock(file) ?? parseLockDocument(file);
}

/**
 * The fast path: accepted only when the schema and the consistency checks pass AND serializing the
 * result gives back the file byte for byte. Then the text is exactly what the YAML library writes for
 * that lock, so the YAML parser would read the same values: the shortcut cannot accept what the full
 * path would read differently, and whatever it declines takes the full path.
 */
function parseCanonicalLock(file: SourceFile): { lock: Lock; diagnostics: Diagnostic[] } | undefined {
  if (file.problems && file.problems.length > 0) return undefined;
  const value = readCanonicalLock(file.text);
  if (value === undefined) return undefined;
  const parsed = lockSchema.safeParse(value, { jitless: true });
  if (!parsed.success || checkLockConsistency(parsed.data).length > 0) return undefined;
  return serializeLock(parsed.data) === file.text ? { lock: parsed.data, diagnostics: [] } : undefined;
}

/** A key or value that begins with one of these is not a plain scalar of the form serializeLock writes. */
const NOT_PLAIN_START = /^[-?:,[\]{}#&*!|>'"%@`\s]/;

/**
 * The block mappings serializeLock writes (two-space indentation, `key: value` lines, plain or simply
 * quoted scalars, `{}` for an empty map, comment lines), read line by line into plain objects; undefined
 * for any other form. It only proposes a value: parseCanonicalLock accepts it only when serializing it
 * reproduces the text.
 */
export function readCanonicalLock(text: string): Record<string, unknown> | undefined {
  if (!text.endsWith('\n')) return undefined;
  const root: Record<string, unknown> = {};
  const open: { indent: number; map: Record<string, unknown> }[] = [{ indent: 0, map: root }];
  /** the map opened by the previous line (`key:`), which must get at least one entry */
  let expectDeeper = false;
  const lines = text.split('\n');
  lines.pop();
  for (const line of lines) {
    if (line.startsWith('#')) continue;
    let indent = 0;
    while (line.charCodeAt(indent) === 32) indent++;
    if (expectDeeper) {
      if (indent <= open[open.length - 1]!.indent) return undefined;
      open[open.length - 1]!.indent = indent;
      expectDeeper = false;
    } else {
      while (open.length > 1 && indent < open[open.length - 1]!.indent) open.pop();
      if (indent !== open[open.length - 1]!.indent) return undefined;
    }
    const body = line.slice(indent);
    const separator = body.indexOf(': ');
    const key = separator >= 0 ? body.slice(0, separator) : body.endsWith(':') ? body.slice(0, -1) : undefined;
    if (key === undefined || key === '' || NOT_PLAIN_START.test(key) || key.includes(' #')) return undefined;
    const map = open[open.length - 1]!.map;
    if (Object.prototype.hasOwnProperty.call(map, key)) return undefined;
    if (separator < 0) {
      const child: Record<string, unknown> = {};
      map[key] = child;
      open.push({ indent: -1, map: child });
      expectDeeper = true;
      continue;
    }
    const value = canonicalScalar(body.slice(separator + 2));
    if (value === undefined) return undefined;
    map[key] = value;
  }
  return expectDeeper ? undefined : root;
}

function canonicalScalar(text: string): string | number | Record<string, never> | undefined {
  if (text === '{}') return {};
  if (/^(0|[1-9]\d{0,14})$/.test(text)) return Number(text);
  const quote = text[0];
  if (quote === "'" || quote === '"') {
    const inner = text.slice(1, -1);
    return text.length >= 2 && text.endsWith(quote) && !/['"\\]/.test(inner) ? inner : undefined;
  }
  return text === '' || NOT_PLAIN_START.test(text) || text.includes(' #') ? undefined : text;
}

/** The full path: the YAML library with positions, so every diagnostic points at its place in the file. */
export function parseLockDocument(file: SourceFile): { lock?: Lock; diagnostics: Diagnostic[] } {
  const loaded = loadYaml(file);
  if (loaded.diagnostics.some((d) => d.severity === 'error')) {
    return {
      // an input limit keeps its own code (it names the limit); broken YAML is a broken lock
      diagnostics: loaded.diagnostics.map((d) =>
        INPUT_LIMIT_CODES.has(d.code) ? d : { ...d, code: 'lock-invalid', message: `The lock file is not valid YAML: ${d.message}`, hint: HINT },
      ),
    };
  }
  const notLock = notALock(loaded.value, loaded.locator, file.path, LOCK_KIND);
  if (notLock) return { diagnostics: [notLock] };
  const invalid = (message: string, path: SpecPath): Diagnostic => ({
    code: 'lock-invalid',
    severity: 'error',
    message,
    hint: HINT,
    path,
    file: file.path,
    range: loaded.locator.value(path),
  });
  const parsed = lockSchema.safeParse(loaded.value, { jitless: true });
  if (!parsed.success) {
    return {
      diagnostics: parsed.error.issues.map((issue) => {
        const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
        const where = path.length > 0 ? `"${path.join('.')}"` : 'The lock';
        return invalid(`Lock entry ${where}: ${issue.message}.`, path);
      }),
    };
  }
  const lock: Lock = parsed.data;
  const diagnostics = checkLockConsistency(lock).map(({ message, path }) => invalid(message, path));
  return diagnostics.length > 0 ? { diagnostics } : { lock, diagnostics };
}

/** Values a lock gives to two owners, and attachments that belong to another cluster or hold too many peers. */
export function checkLockConsistency(lock: Lock): { message: string; path: SpecPath }[] {
  const problems: { message: string; path: SpecPath }[] = [];
  const firstOwner = new Map<string, string>();
  const claim = (what: string, value: string, owner: string, path: SpecPath) => {
    const key = `${what}\u0000${value}`;
    const previous = firstOwner.get(key);
    if (previous === undefined) firstOwner.set(key, owner);
    else problems.push({ message: `${owner} has ${what} ${value}, which ${previous} already has.`, path });
  };
  const attachmentSizes = new Map<string, number>();
  for (const [owner, peer] of sortedEntries(lock.connectPeers)) {
    claim('inside CIDR', peer.insideCidr, owner, ['connectPeers', owner, 'insideCidr']);
    claim('TGW GRE address', peer.tgwGreAddress, owner, ['connectPeers', owner, 'tgwGreAddress']);
    const cluster = owner.split('/')[0];
    const match = CONNECT_ATTACHMENT_NAME.exec(peer.connectAttachment);
    if (match?.[1] !== cluster) {
      problems.push({ message: `${owner} is on attachment ${peer.connectAttachment}, which is not one of cluster ${cluster}'s.`, path: ['connectPeers', owner, 'connectAttachment'] });
    }
    const size = (attachmentSizes.get(peer.connectAttachment) ?? 0) + 1;
    attachmentSizes.set(peer.connectAttachment, size);
    if (size > MAX_PEERS_PER_ATTACHMENT) {
      problems.push({ message: `Attachment ${peer.connectAttachment} holds more than ${MAX_PEERS_PER_ATTACHMENT} Connect peers.`, path: ['connectPeers', owner, 'connectAttachment'] });
    }
  }
  for (const [owner, peer] of sortedEntries(lock.released.connectPeers)) {
    if (CONNECT_ATTACHMENT_NAME.exec(peer.connectAttachment)?.[1] !== owner.split('/')[0]) {
      problems.push({ message: `Released ${owner} was on attachment ${peer.connectAttachment}, which is not one of its cluster's.`, path: ['released', 'connectPeers', owner, 'connectAttachment'] });
    }
  }
  for (const [key, rule] of sortedEntries(lock.firewall.rules)) {
    claim('sid', String(rule.sid), `rule ${key}`, ['firewall', 'rules', key, 'sid']);
  }
  return problems;
}

export const LOCK_HEADER = [
  'Generated by egressc: the allocations of the topology (Connect peers, firewall rule sids, rule group capacity).',
  'Commit this file next to the spec; it keeps allocations stable across edits. Do not edit it by hand:',
  'delete an entry (or the file) to have it allocated again.',
].join('\n');

function sortedEntries<T>(record: Readonly<Record<string, T>>): [string, T][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function sortedRecord<T, U>(record: Readonly<Record<string, T>>, map: (value: T) => U): Record<string, U> {
  return Object.fromEntries(sortedEntries(record).map(([key, value]) => [key, map(value)]));
}

/** The lock as a plain object with every map (and every entry's fields) in key order. */
function canonicalPeers(peers: Readonly<Record<string, LockedConnectPeer>>): Record<string, LockedConnectPeer> {
  return sortedRecord(peers, (p) => ({
    connectAttachment: p.connectAttachment,
    insideCidr: p.insideCidr,
    interfaceName: p.interfaceName,
    tgwGreAddress: p.tgwGreAddress,
  }));
}

function canonicalLock(lock: Lock): Record<string, unknown> {
  const firewall: Record<string, unknown> = {};
  if (lock.firewall.ruleGroupCapacity !== undefined) firewall['ruleGroupCapacity'] = lock.firewall.ruleGroupCapacity;
  firewall['rules'] = sortedRecord(lock.firewall.rules, (r) => ({ digest: r.digest, rev: r.rev, sid: r.sid }));
  const released = Object.keys(lock.released.connectPeers).length > 0 ? { released: { connectPeers: canonicalPeers(lock.released.connectPeers) } } : {};
  return {
    apiVersion: lock.apiVersion,
    kind: lock.kind,
    connectPeers: canonicalPeers(lock.connectPeers),
    ...released,
    firewall,
  };
}

/**
 * The last lock serialized, keyed by its canonical form as JSON: a build serializes the lock it read
 * (parseLock's check) and then the lock it allocates, which is usually the same one. The text depends
 * only on the canonical object, so the cache cannot change a byte.
 */
let lastSerialized: { key: string; text: string } | undefined;

export function serializeLock(lock: Lock): string {
  const canonical = canonicalLock(lock);
  const key = JSON.stringify(canonical);
  if (lastSerialized?.key === key) return lastSerialized.text;
  // directives: false skips the library's search of every node for tags to declare (there are none)
  const body = stringify(canonical, { lineWidth: 0, indent: 2, directives: false });
  const header = LOCK_HEADER.split('\n').map((line) => `# ${line}`).join('\n');
  const text = `${header}\n${body}`;
  lastSerialized = { key, text };
  return text;
}

/** Whether writing `next` would change the lock (`previous` undefined: there is no lock yet). */
export interface LockChange {
  kind: 'added' | 'removed' | 'changed';
  /** e.g. "connectPeers/demo/worker-1", "firewall/rules/protect/database", "firewall/ruleGroupCapacity" */
  entry: string;
}

/** The entries that differ between two locks, in entry order: for --frozen-lock messages and reviews. */
export function lockChanges(previous: Lock | undefined, next: Lock): LockChange[] {
  const before = previous ?? emptyLock();
  const changes: LockChange[] = [];
  const compare = <T>(section: string, a: Readonly<Record<string, T>>, b: Readonly<Record<string, T>>) => {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      const entry = `${section}/${key}`;
      if (!(key in a)) changes.push({ kind: 'added', entry });
      else if (!(key in b)) changes.push({ kind: 'removed', entry });
      else if (JSON.stringify(canonicalEntry(a[key])) !== JSON.stringify(canonicalEntry(b[key]))) changes.push({ kind: 'changed', entry });
    }
  };
  compare('connectPeers', before.connectPeers, next.connectPeers);
  compare('released/connectPeers', before.released.connectPeers, next.released.connectPeers);
  const capacityBefore = before.firewall.ruleGroupCapacity;
  const capacityAfter = next.firewall.ruleGroupCapacity;
  if (capacityBefore !== capacityAfter) {
    changes.push({ kind: capacityBefore === undefined ? 'added' : capacityAfter === undefined ? 'removed' : 'changed', entry: 'firewall/ruleGroupCapacity' });
  }
  compare('firewall/rules', before.firewall.rules, next.firewall.rules);
  return changes;
}

function canonicalEntry(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  return sortedRecord(value as Record<string, unknown>, (v) => v);
}
