// The network-scripts form, checked as far as this machine allows: no RHEL initscripts here, so bash
// (the program initscripts sources ifcfg files with) parses and sources each file and the variables that
// ifup-tunnel reads are compared with the node's Connect peer; route files are read the way ifup-routes
// reads them. Not checked: ifup-tunnel itself running against a kernel with GRE.
import { describe, expect, it } from 'vitest';
import { emitHost } from '../../src/emit/host/index.js';
import type { Artifact } from '../../src/emit/types.js';
import type { Topology } from '../../src/model/types.js';
import { artifactAt, expectedTunnels, onHostNetwork, run, scratchDir, writeFileWithMode, type ExpectedTunnel } from './support.js';
import { modelsFor } from './models.js';
import { hostTestTopology } from './topology.js';

/** Every variable the file defines (names bash does not have after sourcing an empty file), as bash sees it. */
function sourceIfcfg(content: string): Record<string, string> {
  const scratch = scratchDir('ifcfg');
  try {
    const file = `${scratch.dir}/ifcfg`;
    writeFileWithMode(file, content, 0o644);
    const syntax = run('bash', ['-n', file]);
    expect(syntax.status, `bash -n: ${syntax.stderr}`).toBe(0);
    const dump = (path: string): Map<string, string> => {
      const script = 'set -u; . "$1" || exit 3; for v in $(compgen -v); do printf "%s=%s\\0" "$v" "${!v-}"; done';
      const result = run('env', ['-i', 'bash', '--noprofile', '--norc', '-c', script, 'bash', path]);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stderr).toBe('');
      return new Map(result.stdout.split('\0').slice(0, -1).map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
    };
    const baseline = dump('/dev/null');
    return Object.fromEntries([...dump(file)].filter(([name]) => !baseline.has(name)));
  } finally {
    scratch.remove();
  }
}

/** The argument vectors ifup-routes would hand to `ip` (handle_ip_file: `read line`, skip blank/comment lines, `ip -4 route add $line`). */
function ipRouteCommands(content: string): string[][] {
  const scratch = scratchDir('route');
  try {
    const file = `${scratch.dir}/route-x`;
    writeFileWithMode(file, content, 0o644);
    const script = `ip() { printf '%s\\n' "$@"; printf '\\0'; }
MATCH='^[[:space:]]*(\\#.*)?$'
{ cat "$1"; echo; } | while read line; do if [[ ! "$line" =~ $MATCH ]]; then ip -4 route add $line; fi; done`;
    const result = run('env', ['-i', 'bash', '--noprofile', '--norc', '-c', script, 'bash', file]);
    expect(result.status, result.stderr).toBe(0);
    return result.stdout.split('\0').slice(0, -1).map((argv) => argv.split('\n').slice(0, -1));
  } finally {
    scratch.remove();
  }
}

function checkIfcfg(artifact: Artifact, expected: ExpectedTunnel): void {
  expect(artifact.mode).toBe(0o644);
  expect(sourceIfcfg(artifact.content)).toEqual({
    DEVICE: expected.interfaceName,
    TYPE: 'GRE',
    ONBOOT: 'yes',
    BOOTPROTO: 'none',
    NM_CONTROLLED: 'no',
    MY_OUTER_IPADDR: expected.local,
    PEER_OUTER_IPADDR: expected.remote,
    MY_INNER_IPADDR: expected.address,
    TTL: String(expected.ttl),
    MTU: String(expected.mtu),
    IPV6INIT: 'no',
    PEERDNS: 'no',
  });
}

function describeModel(label: string, model: Topology): void {
  describe(`network-scripts files of ${label}`, () => {
    const { artifacts } = emitHost(model);
    const expectedAll = expectedTunnels(model, 'network-scripts');

    it('one ifcfg per peering node, a route file exactly for interfaceRoute nodes, nothing else', () => {
      const expectedPaths = expectedAll.flatMap((t) => {
        const dir = `network-scripts/${t.cluster}/${t.node}`;
        return [`${dir}/ifcfg-${t.interfaceName}`, ...(t.linkRoute ? [`${dir}/route-${t.interfaceName}`] : [])];
      });
      expect(artifacts.filter((a) => a.path.startsWith('network-scripts/')).map((a) => a.path).sort()).toEqual(expectedPaths.sort());
    });

    for (const expected of expectedAll) {
      const dir = `network-scripts/${expected.cluster}/${expected.node}`;
      it(`${expected.cluster}/${expected.node}: bash reads ifup-tunnel's variables with the Connect peer's values`, () => {
        checkIfcfg(artifactAt(artifacts, `${dir}/ifcfg-${expected.interfaceName}`), expected);
      });
      if (expected.linkRoute) {
        it(`${expected.cluster}/${expected.node}: ifup-routes would add the /29 on-link through the tunnel`, () => {
          const route = artifactAt(artifacts, `${dir}/route-${expected.interfaceName}`);
          expect(route.mode).toBe(0o644);
          // ifup-routes takes a file with ADDRESSn= lines for its other format.
          expect(route.content).not.toMatch(/^[ \t]*ADDRESS[0-9]+=/m);
          expect(ipRouteCommands(route.content)).toEqual([['-4', 'route', 'add', expected.linkRoute ?? '', 'dev', expected.interfaceName, 'scope', 'link']]);
        });
      }
    }
  });
}

for (const { label, model } of modelsFor('network-scripts')) describeModel(label, model());

describe('the network-scripts harness', () => {
  it('notices a wrong value and a broken file', () => {
    const model = onHostNetwork(hostTestTopology(), 'network-scripts');
    const [expected] = expectedTunnels(model);
    if (!expected) throw new Error('model has no tunnel');
    const ifcfg = artifactAt(emitHost(model).artifacts, `network-scripts/demo/worker-1/ifcfg-${expected.interfaceName}`);
    expect(() => checkIfcfg({ ...ifcfg, content: ifcfg.content.replace('TTL=255', 'TTL=64') }, expected)).toThrow();
    expect(() => checkIfcfg({ ...ifcfg, content: `${ifcfg.content}EXTRA=1\n` }, expected)).toThrow();
    expect(() => sourceIfcfg('DEVICE="unterminated\n')).toThrow();
  });
});
