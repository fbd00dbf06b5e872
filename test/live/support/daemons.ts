// Long-running processes of the live harness (BIRD, gobgpd, userspace GRE endpoints), each started
// inside a namespace with `ip netns exec` (which execs, so the child's pid is the daemon's) and killed
// by that pid on teardown.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

/** Synchronous sleep (teardown must work inside signal handlers, where nothing async runs). */
const sleepSync = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

export interface Daemon {
  name: string;
  pid: number;
  child: ChildProcess;
  logFile: string;
}

export class Daemons {
  private readonly running: Daemon[] = [];

  /** Starts `command` in `ns`, stdout and stderr to `logFile`. */
  start(name: string, ns: string, command: string, args: readonly string[], logFile: string): Daemon {
    const log = openSync(logFile, 'a');
    try {
      const child = spawn('ip', ['netns', 'exec', ns, command, ...args], { stdio: ['ignore', log, log] });
      if (child.pid === undefined) throw new Error(`could not start ${name}: ${command}`);
      const daemon = { name, pid: child.pid, child, logFile };
      this.running.push(daemon);
      return daemon;
    } finally {
      closeSync(log);
    }
  }

  alive(daemon: Daemon): boolean {
    return daemon.child.exitCode === null && daemon.child.signalCode === null;
  }

  /** SIGTERM everything, give it up to 2 s (bounded), then SIGKILL what is left. Synchronous. */
  stopAll(): void {
    const signal = (d: Daemon, sig: NodeJS.Signals): void => {
      try {
        process.kill(d.pid, sig);
      } catch {
        // already gone
      }
    };
    const exists = (d: Daemon): boolean => {
      try {
        process.kill(d.pid, 0);
        // a zombie still "exists"; /proc tells whether it is one
        return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${d.pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    };
    for (const d of this.running) signal(d, 'SIGTERM');
    const deadline = Date.now() + 2_000;
    while (this.running.some(exists) && Date.now() < deadline) sleepSync(50);
    for (const d of this.running) if (exists(d)) signal(d, 'SIGKILL');
    this.running.length = 0;
  }
}
