// One build at a time per output directory: DIR/.egressc-build.lock, created exclusively (O_EXCL) by
// the build that writes DIR and removed when it exits (normally or by an exception). A build killed
// by a signal leaves the file behind naming a dead process: the next build on the same host sees that
// the process is gone (or that its pid now belongs to a process started later) and takes the lock
// over. A lock held by a live process, or written on another host, is never taken: that build is
// refused with a message naming the holder.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { BUILD_LOCK, BUILD_LOCK_TAKEOVER } from './control.js';

interface LockOwner {
  kind: 'EgressBuildLock';
  pid: number;
  hostname: string;
  /** when the holder started building, for the message */
  started: string;
  /** the holder's start time in clock ticks since boot (/proc/PID/stat field 22), where known: tells a reused pid apart */
  processStart?: string;
}

export type LockResult = { ok: true; release: () => void; tookOver?: LockOwnerText } | { ok: false; problem: string };
/** a description of a lock holder, e.g. "pid 123 on host ci-1, since 2026-…" */
export type LockOwnerText = string;

/** /proc/PID/stat field 22 (starttime), where /proc exists. */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) is in parentheses and may contain spaces: split after the last ')'
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function isAlive(owner: LockOwner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by another user
  }
  const start = processStart(owner.pid);
  return owner.processStart === undefined || start === undefined || start === owner.processStart;
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (value.kind === 'EgressBuildLock' && Number.isSafeInteger(value.pid) && typeof value.hostname === 'string' && typeof value.started === 'string') return value as LockOwner;
  } catch {
    // not ours
  }
  return undefined;
}

const describe = (owner: LockOwner): LockOwnerText => `pid ${owner.pid} on host ${owner.hostname}, since ${owner.started}`;

function createExclusively(path: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

const readOrUndefined = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/** Takes DIR's build lock (DIR must exist). `show` words DIR for messages. */
export function acquireBuildLock(dir: string, show: string): LockResult {
  const path = join(dir, BUILD_LOCK);
  const me: LockOwner = { kind: 'EgressBuildLock', pid: process.pid, hostname: hostname(), started: new Date().toISOString(), ...optional('processStart', processStart(process.pid)) };
  const text = `${JSON.stringify(me)}\n`;
  const release = (): void => {
    process.removeListener('exit', release);
    if (readOrUndefined(path) === text) unlinkSync(path);
  };
  const taken = (tookOver?: LockOwnerText): LockResult => {
    process.on('exit', release);
    return { ok: true, release, ...(tookOver ? { tookOver } : {}) };
  };
  if (createExclusively(path, text)) return taken();

  const heldText = readOrUndefined(path);
  const holder = heldText === undefined ? undefined : parseOwner(heldText);
  const busy = `another egressc build is writing ${show}`;
  if (heldText === undefined) return { ok: false, problem: `${busy} (its lock ${show}/${BUILD_LOCK} just changed); try again` };
  if (!holder) return { ok: false, problem: `${show}/${BUILD_LOCK} is not an egressc build lock; remove it if no egressc build is running` };
  if (holder.hostname !== me.hostname) return { ok: false, problem: `${busy} (${describe(holder)}); if that build is gone, remove ${show}/${BUILD_LOCK}` };
  if (isAlive(holder)) return { ok: false, problem: `${busy} (${describe(holder)}); wait for it to finish` };

  // The holder is dead. Take over under a second exclusive file, so that two builds that both saw
  // the stale lock do not both take it (the second would delete the first one's fresh lock).
  const guard = join(dir, BUILD_LOCK_TAKEOVER);
  if (!createExclusively(guard, text)) return { ok: false, problem: `${busy} (it is taking over a stale lock; if no build is running, remove ${show}/${BUILD_LOCK_TAKEOVER})` };
  try {
    if (readOrUndefined(path) !== heldText) return { ok: false, problem: `${busy} (its lock ${show}/${BUILD_LOCK} just changed); try again` };
    unlinkSync(path);
    if (!createExclusively(path, text)) return { ok: false, problem: `${busy}; try again` };
    return taken(describe(holder));
  } finally {
    unlinkSync(guard);
  }
}

const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

/** The holder of DIR's build lock when a live process on this host holds it (for check and diff). */
export function liveBuildLockHolder(dir: string): LockOwnerText | undefined {
  const text = readOrUndefined(join(dir, BUILD_LOCK));
  const holder = text === undefined ? undefined : parseOwner(text);
  return holder && holder.hostname === hostname() && isAlive(holder) ? describe(holder) : undefined;
}
