// NetworkManager keyfiles, read by GLib's GKeyFile (NetworkManager's own parser) and compared with the
// node's Connect peer, and cross-checked against the keyfile netplan's NetworkManager renderer writes for
// the same tunnel. NetworkManager itself (nmcli, the daemon) cannot run here: not checked.
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { emitHost } from '../../src/emit/host/index.js';
import type { NetplanConfig } from '../../src/emit/host/netplan.js';
import type { Artifact } from '../../src/emit/types.js';
import type { Topology } from '../../src/model/types.js';
import { itWithPythonModules, itWithTools, toolPath } from '../support/real-tools.js';
import { artifactAt, expectedTunnels, netplanGenerate, readKeyFiles, run, scratchDir, writeFileWithMode, type ExpectedTunnel, type KeyFileGroups } from './support.js';
import { MODELS_UNDER_TEST } from './models.js';
import { hostTestTopology } from './topology.js';

const itGlib = itWithPythonModules(['gi']);
const itGlibAndNetplan = toolPath('netplan') ? itGlib : itWithTools(['netplan']);

function readKeyFile(content: string, mode: number): KeyFileGroups {
  const scratch = scratchDir('nm');
  try {
    const file = `${scratch.dir}/tunnel.nmconnection`;
    writeFileWithMode(file, content, mode);
    const [groups] = readKeyFiles([file]);
    if (!groups) throw new Error('GLib returned nothing');
    return groups;
  } finally {
    scratch.remove();
  }
}

/** Python's own RFC 4122 implementation, as an independent check of the connection UUID. */
function pythonUuid5(name: string): string {
  const result = run('/usr/bin/python3', ['-c', 'import sys, uuid; print(uuid.uuid5(uuid.NAMESPACE_URL, sys.argv[1]))', name]);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.trim();
}

function checkKeyFile(artifact: Artifact, expected: ExpectedTunnel, model: Topology): void {
  expect(artifact.mode).toBe(0o600);
  const groups = readKeyFile(artifact.content, artifact.mode);
  expect(groups).toEqual({
    connection: {
      id: expected.interfaceName,
      uuid: pythonUuid5(`egressc:nmconnection:${model.name}/${expected.cluster}/${expected.node}/${expected.interfaceName}`),
      type: 'ip-tunnel',
      'interface-name': expected.interfaceName,
      autoconnect: 'true',
    },
    // mode 2 = NM_IP_TUNNEL_MODE_GRE
    'ip-tunnel': { mode: '2', local: expected.local, remote: expected.remote, ttl: String(expected.ttl), mtu: String(expected.mtu) },
    ipv4: { method: 'manual', address1: expected.address, ...(expected.linkRoute ? { route1: expected.linkRoute } : {}) },
    ipv6: { method: 'disabled' },
  });
}

function describeModel(label: string, model: Topology): void {
  describe(`NetworkManager keyfiles of ${label}`, () => {
    const { artifacts } = emitHost(model);
    const expectedAll = expectedTunnels(model);
    const keyfilePath = (t: ExpectedTunnel): string => `networkmanager/${t.cluster}/${t.node}/${t.interfaceName}.nmconnection`;

    it('one keyfile per peering node, each with its own UUID', () => {
      const keyfiles = artifacts.filter((a) => a.path.startsWith('networkmanager/'));
      expect(keyfiles.map((a) => a.path).sort()).toEqual(expectedAll.map(keyfilePath).sort());
      const uuids = keyfiles.map((a) => /^uuid=(.*)$/m.exec(a.content)?.[1]);
      expect(new Set(uuids).size).toBe(keyfiles.length);
    });

    for (const expected of expectedAll) {
      itGlib(`${expected.cluster}/${expected.node}: GKeyFile reads the Connect peer's values, mode 0600`, () => {
        checkKeyFile(artifactAt(artifacts, keyfilePath(expected)), expected, model);
      });

      itGlibAndNetplan(`${expected.cluster}/${expected.node}: agrees with the keyfile netplan's NetworkManager renderer writes`, () => {
        const ours = readKeyFile(artifactAt(artifacts, keyfilePath(expected)).content, 0o600);
        const config = parse(artifactAt(artifacts, `netplan/${expected.cluster}/${expected.node}.yaml`).content) as NetplanConfig;
        const viaNetworkManager = { network: { ...config.network, renderer: 'NetworkManager' } };
        const generated = netplanGenerate(stringify(viaNetworkManager), 0o600);
        expect(generated.status, generated.stderr).toBe(0);
        const path = `run/NetworkManager/system-connections/netplan-${expected.interfaceName}.nmconnection`;
        const netplanKeyFile = generated.files.get(path);
        if (netplanKeyFile === undefined) throw new Error(`netplan wrote no ${path}: ${[...generated.files.keys()].join(', ')}`);
        const theirs = readKeyFile(netplanKeyFile, 0o600);
        const pick = (groups: KeyFileGroups, group: string, keys: string[]): Record<string, string | undefined> =>
          Object.fromEntries(keys.map((key) => [key, groups[group]?.[key]]));
        expect(pick(ours, 'connection', ['type', 'interface-name'])).toEqual(pick(theirs, 'connection', ['type', 'interface-name']));
        expect(pick(ours, 'ip-tunnel', ['mode', 'local', 'remote', 'ttl'])).toEqual(pick(theirs, 'ip-tunnel', ['mode', 'local', 'remote', 'ttl']));
        expect(pick(ours, 'ipv4', ['method', 'address1', 'route1'])).toEqual(pick(theirs, 'ipv4', ['method', 'address1', 'route1']));
        // netplan 0.106 writes a tunnel's MTU as [ethernet] mtu; NMSettingIPTunnel's own property is [ip-tunnel] mtu.
        expect(ours['ip-tunnel']?.mtu).toBe(theirs.ethernet?.mtu ?? theirs['ip-tunnel']?.mtu);
      });
    }
  });
}

for (const { label, model } of MODELS_UNDER_TEST) describeModel(label, model());

describe('the keyfile harness', () => {
  itGlib('notices a wrong value', () => {
    const model = hostTestTopology();
    const [expected] = expectedTunnels(model);
    if (!expected) throw new Error('model has no tunnel');
    const keyfile = artifactAt(emitHost(model).artifacts, `networkmanager/demo/worker-1/${expected.interfaceName}.nmconnection`);
    expect(() => checkKeyFile({ ...keyfile, content: keyfile.content.replace('mode=2', 'mode=1') }, expected, model)).toThrow();
    expect(() => checkKeyFile({ ...keyfile, mode: 0o644 }, expected, model)).toThrow();
  });
});
