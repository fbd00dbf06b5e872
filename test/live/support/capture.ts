// Proof that the traffic rides GRE on the underlay: tcpdump on the node's veth decodes GREv0 around the
// inner packets while the node pings a TGW BGP address through its tunnel.
import { spawn } from 'node:child_process';
import { inNamespace } from './run.js';

export interface GreCapture {
  /** tcpdump's decoded lines */
  lines: string[];
}

/** Captures up to `count` IP-protocol-47 packets on `device` in `ns` while pinging `target` (bounded: 5 s). */
export async function captureGre(ns: string, device: string, target: string, count = 2): Promise<GreCapture> {
  const child = spawn('ip', ['netns', 'exec', ns, 'timeout', '5', 'tcpdump', '-i', device, '-nn', '-v', '-l', '-c', String(count), 'ip proto 47'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const listening = new Promise<void>((resolve) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('listening on')) resolve();
    });
    setTimeout(resolve, 2_000);
  });
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  await listening;
  inNamespace(ns, 'ping', ['-c', String(count), '-i', '0.2', '-W', '1', target], { allowFailure: true, timeoutMs: 5_000 });
  await exited;
  return { lines: stdout.split('\n').filter((line) => line.trim() !== '') };
}
