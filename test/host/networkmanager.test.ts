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
import { artifactAt, expectedTunnels, onHostNetwork, netplanGenerate, readKeyFiles, run, scratchDir, writeFileWithMode, type ExpectedTunnel, type KeyFileGroups } from './support.js';
import { modelsFor } from './models.js';
import { hostTestTopology } from './topology.js';

const itGlib = itWithPythonModules(['gi']);
const itGlibAndNetplan = toolPath('netplan') ? itGlib : itWithTools(['netplan']);

/** Writes each keyfile with its mode and reads them all with one GLib run. */
function readKeyFileContents(files: readonly { content: string; mode: number }[]): KeyFileGroups[] {
  const scratch = scratchDir('nm');
  try {
    const paths = files.map((file, i) => {
      const path = `${scratch.dir}/${i}.nmconnection`;
      writeFileWithMode(path, file.content, file.mode);
      return path;
    });
    const groups = readKeyFiles(paths);
    expect(groups).toHaveLength(files.length);
    return groups;
  } finally {
    scratch.remove();
  }
}

const readKeyFile = (content: string, mode: number): KeyFileGroups => readKeyFileContents([{ content, mode }])[0] ?? {};

/** Python's own RFC 4122 implementation, as an independent check of the connection UUIDs. */
function pythonUuid5(names: readonly string[]): string[] {
  const result = run('/usr/bin/python3', ['-c', 'import sys, uuid; print("\\n".join(str(uuid.uuid5(uuid.NAMESPACE_URL, n)) for n in sys.argv[1:]))', ...names]);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.trim().split('\n');
}

const uuidName = (model: Topology, t: ExpectedTunnel): string => `egressc:nmconnection:${model.name}/${t.cluster}/${t.node}/${t.interfaceName}`;

function checkKeyFile(artifact: Artifact, groups: KeyFileGroups, expected: ExpectedTunnel, uuid: string): void {
  expect(artifact.mode).toBe(0o600);
  expect(groups).toEqual({
    connection: { id: expected.interfaceName, uuid, type: 'ip-tunnel', 'interface-name': expected.interfaceName, autoconnect: 'true' },
    // mode 2 = NM_IP_TUNNEL_MODE_GRE
    'ip-tunnel': { mode: '2', local: expected.local, remote: expected.remote, ttl: String(expected.ttl), mtu: String(expected.mtu) },
    ipv4: { method: 'manual', address1: expected.address, ...(expected.linkRoute ? { route1: expected.linkRoute } : {}) },
    ipv6: { method: 'disabled' },
  });
}

function describeModel(label: string, model: Topology): void {
  describe(`NetworkManager keyfiles of ${label}`, () => {
    const { artifacts } = emitHost(model);
    const expectedAll = expectedTunnels(model, 'networkmanager');
    const keyfilePath = (t: ExpectedTunnel): string => `networkmanager/${t.cluster}/${t.node}/${t.interfaceName}.nmconnection`;
    // One GLib run and one Python run for all nodes (each spawn costs about 0.1 s).
    let parsed: { groups: KeyFileGroups[]; uuids: string[] } | undefined;
    const parsedKeyFiles = (): { groups: KeyFileGroups[]; uuids: string[] } =>
      (parsed ??= {
        groups: readKeyFileContents(expectedAll.map((t) => artifactAt(artifacts, keyfilePath(t)))),
        uuids: pythonUuid5(expectedAll.map((t) => uuidName(model, t))),
      });

    it('one keyfile per peering node, each with its own UUID', () => {
      const keyfiles = artifacts.filter((a) => a.path.startsWith('networkmanager/'));
      expect(keyfiles.map((a) => a.path).sort()).toEqual(expectedAll.map(keyfilePath).sort());
      const uuids = keyfiles.map((a) => /^uuid=(.*)$/m.exec(a.content)?.[1]);
      expect(new Set(uuids).size).toBe(keyfiles.length);
    });

    expectedAll.forEach((expected, index) => {
      itGlib(`${expected.cluster}/${expected.node}: GKeyFile reads the Connect peer's values, mode 0600`, () => {
        const { groups, uuids } = parsedKeyFiles();
        checkKeyFile(artifactAt(artifacts, keyfilePath(expected)), groups[index] ?? {}, expected, uuids[index] ?? '');
      });

      itGlibAndNetplan(`${expected.cluster}/${expected.node}: agrees with the keyfile netplan's NetworkManager renderer writes`, () => {
        const ours = parsedKeyFiles().groups[index] ?? {};
        // the same node's netplan file, as egressc writes it for a cluster on netplan
        const config = parse(artifactAt(emitHost(onHostNetwork(model, 'netplan')).artifacts, `netplan/${expected.cluster}/${expected.node}.yaml`).content) as NetplanConfig;
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
    });
  });
}

for (const { label, model } of modelsFor('networkmanager')) describeModel(label, model());

describe('the keyfile harness', () => {
  itGlib('notices a wrong value', () => {
    const model = onHostNetwork(hostTestTopology(), 'networkmanager');
    const [expected] = expectedTunnels(model);
    if (!expected) throw new Error('model has no tunnel');
    const keyfile = artifactAt(emitHost(model).artifacts, `networkmanager/demo/worker-1/${expected.interfaceName}.nmconnection`);
    const [uuid = ''] = pythonUuid5([uuidName(model, expected)]);
    expect(() => checkKeyFile(keyfile, readKeyFile(keyfile.content, 0o600), expected, uuid)).not.toThrow();
    expect(() => checkKeyFile(keyfile, readKeyFile(keyfile.content.replace('mode=2', 'mode=1'), 0o600), expected, uuid)).toThrow();
    expect(() => checkKeyFile({ ...keyfile, mode: 0o644 }, readKeyFile(keyfile.content, 0o600), expected, uuid)).toThrow();
    expect(() => checkKeyFile(keyfile, readKeyFile(keyfile.content, 0o600), expected, '00000000-0000-5000-8000-000000000000')).toThrow();
  });
});
