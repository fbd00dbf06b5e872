// The patched stand-in templates executed by Go's text/template (the engine confd uses, through
// test/calico/go-render/render.go), and the rendered BIRD configuration checked by `bird -p`, the same
// syntax check confd runs before it installs a new bird.cfg.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect } from 'vitest';
import { patchBirdTemplate } from '../../src/render/calico/template-patch.js';
import { itWithTools } from '../support/real-tools.js';
import { GO_STYLE_TEMPLATE, JSON_STYLE_TEMPLATE, readTemplate } from './support/topology.js';

const RENDERER = new URL('./go-render/render.go', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'egressc-render-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function render(input: object): string {
  const run = spawnSync('go', ['run', RENDERER], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, GOCACHE: process.env.GOCACHE ?? join(tmpdir(), 'egressc-gocache'), GOFLAGS: '-mod=mod', GO111MODULE: 'auto' },
  });
  if (run.status !== 0) throw new Error(`go run failed: ${run.stderr}${run.error ? String(run.error) : ''}`);
  return run.stdout;
}

function patched(relative: string): string {
  const outcome = patchBirdTemplate(readTemplate(relative));
  if (!outcome.ok) throw new Error(outcome.problem);
  return outcome.text;
}

/** protocol name → the trimmed lines of its block */
function protocols(config: string): Map<string, string[]> {
  const blocks = new Map<string, string[]>();
  for (const match of config.matchAll(/protocol bgp (\S+) \{\n([\s\S]*?)\n\}/g)) {
    blocks.set(match[1] ?? '', (match[2] ?? '').split('\n').map((l) => l.trim()));
  }
  return blocks;
}

const decision = (lines: readonly string[] | undefined): string | undefined => lines?.find((l) => l === 'direct;' || l.startsWith('multihop'));

function birdParse(config: string, name: string): { status: number | null; output: string } {
  const file = join(work, name);
  writeFileSync(file, config);
  const run = spawnSync('bird', ['-p', '-c', file], { encoding: 'utf8', timeout: 30_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const peerJson = (ip: string, asNum: number, directlyConnected: boolean, gatewayMode: string, ttl?: number): string =>
  JSON.stringify({ ip, as_num: String(asNum), directly_connected: directlyConnected, gateway_mode: gatewayMode, ...(ttl ? { ttl_security: ttl } : {}) });

/** confd's view of a node with two TGW peers (sourceAddress None → directly connected), a ToR on the node subnet, a remote peer. */
function jsonStyleInput(template: string, tgwGatewayMode = 'recursive') {
  return {
    template,
    env: { NODENAME: 'worker-1' },
    keys: {
      '/host/worker-1/ip_addr_v4': '172.31.10.10',
      '/global/as_num': '64600',
      '/host/worker-1/peer_v4/169.254.8.10': peerJson('169.254.8.10', 64512, true, tgwGatewayMode),
      '/host/worker-1/peer_v4/169.254.8.11': peerJson('169.254.8.11', 64512, true, tgwGatewayMode),
      '/host/worker-1/peer_v4/172.31.10.1': peerJson('172.31.10.1', 65001, true, 'direct'),
      '/global/peer_v4/10.9.0.1': peerJson('10.9.0.1', 65002, false, 'recursive', 2),
      '/global/peer_v4/169.254.200.1': peerJson('169.254.200.1', 64512, true, 'recursive'),
    },
  };
}

function goStyleInput(template: string) {
  const peer = (Name: string, IP: string, ASNumber: string, DirectlyConnected: boolean, GatewayMode: string, TTLSecurity = 0) => ({ Name, IP, ASNumber, DirectlyConnected, GatewayMode, TTLSecurity });
  return {
    template,
    bgpConfig: {
      RouterID: '172.31.10.10',
      ASNumber: '64600',
      Peers: [
        peer('Node_169_254_8_10', '169.254.8.10', '64512', true, 'recursive'),
        peer('Node_172_31_10_1', '172.31.10.1', '65001', true, 'direct'),
        peer('Global_10_9_0_1', '10.9.0.1', '65002', false, 'recursive', 2),
      ],
    },
  };
}

describe('patched templates rendered by Go text/template', () => {
  itWithTools(['go', 'bird'])('JSON-style: TGW peers multihop, other directly connected peers still direct, BIRD accepts it', () => {
    const after = render(jsonStyleInput(patched(JSON_STYLE_TEMPLATE)));
    const before = render(jsonStyleInput(readTemplate(JSON_STYLE_TEMPLATE)));
    const a = protocols(after);
    const b = protocols(before);
    expect([...a.keys()].sort()).toEqual(['Global_10_9_0_1', 'Global_169_254_200_1', 'Node_169_254_8_10', 'Node_169_254_8_11', 'Node_172_31_10_1']);
    expect(Object.fromEntries([...a].map(([name, lines]) => [name, decision(lines)]))).toEqual({
      Global_10_9_0_1: 'multihop 2;',
      Global_169_254_200_1: 'multihop;',
      Node_169_254_8_10: 'multihop;',
      Node_169_254_8_11: 'multihop;',
      Node_172_31_10_1: 'direct;',
    });
    // the stock template sends the TGW peers direct, and the patch changes nothing but that line
    expect(decision(b.get('Node_169_254_8_10'))).toBe('direct;');
    for (const [name, lines] of a) {
      const others = (ls: readonly string[] | undefined) => (ls ?? []).filter((l) => l !== 'direct;' && !l.startsWith('multihop'));
      expect(others(lines), name).toEqual(others(b.get(name)));
      if (!name.includes('169_254')) expect(lines, name).toEqual(b.get(name));
    }
    const parsed = birdParse(after, 'json-style.conf');
    expect(parsed.status, parsed.output).toBe(0);
  });

  itWithTools(['go', 'bird'])('JSON-style: with gateway direct (birdGatewayMode) BIRD would reject the multihop TGW peer', () => {
    const parsed = birdParse(render(jsonStyleInput(patched(JSON_STYLE_TEMPLATE), 'direct')), 'gateway-direct.conf');
    expect(parsed.status).not.toBe(0);
    expect(parsed.output.toLowerCase()).toContain('multihop');
  });

  itWithTools(['go', 'bird'])('Go-style: the single decision sends only the 169.254 peer to multihop', () => {
    const after = protocols(render(goStyleInput(patched(GO_STYLE_TEMPLATE))));
    const before = protocols(render(goStyleInput(readTemplate(GO_STYLE_TEMPLATE))));
    expect(Object.fromEntries([...after].map(([name, lines]) => [name, decision(lines)]))).toEqual({
      Node_169_254_8_10: 'multihop;',
      Node_172_31_10_1: 'direct;',
      Global_10_9_0_1: 'multihop 2;',
    });
    expect(decision(before.get('Node_169_254_8_10'))).toBe('direct;');
    const parsed = birdParse(render(goStyleInput(patched(GO_STYLE_TEMPLATE))), 'go-style.conf');
    expect(parsed.status, parsed.output).toBe(0);
  });
});
