// Every netplan file goes through the real `netplan generate --root-dir`; the systemd-networkd files it
// renders must carry the node's Connect peer values.
import { describe, expect } from 'vitest';
import { parse } from 'yaml';
import { emitHost } from '../../src/emit/host/index.js';
import type { Topology } from '../../src/model/types.js';
import { itWithTools } from '../support/real-tools.js';
import { artifactAt, expectedTunnels, netplanGenerate, parseUnitFile, unitValues, type ExpectedTunnel, type NetplanGenerated } from './support.js';
import { modelsFor } from './models.js';
import { hostTestTopology } from './topology.js';

const itNetplan = itWithTools(['netplan']);

function checkNetworkd(generated: NetplanGenerated, expected: ExpectedTunnel): void {
  const name = expected.interfaceName;
  const dir = 'run/systemd/network/';
  const networkd = [...generated.files.keys()].filter((path) => path.startsWith(dir)).sort();
  expect(networkd).toEqual([`${dir}10-netplan-${name}.netdev`, `${dir}10-netplan-${name}.network`]);
  const netdev = parseUnitFile(generated.files.get(`${dir}10-netplan-${name}.netdev`) ?? '');
  expect(unitValues(netdev, 'NetDev', 'Name')).toEqual([name]);
  expect(unitValues(netdev, 'NetDev', 'Kind')).toEqual(['gre']);
  expect(unitValues(netdev, 'NetDev', 'MTUBytes')).toEqual([String(expected.mtu)]);
  expect(unitValues(netdev, 'Tunnel', 'Local')).toEqual([expected.local]);
  expect(unitValues(netdev, 'Tunnel', 'Remote')).toEqual([expected.remote]);
  expect(unitValues(netdev, 'Tunnel', 'TTL')).toEqual([String(expected.ttl)]);

  const network = parseUnitFile(generated.files.get(`${dir}10-netplan-${name}.network`) ?? '');
  expect(unitValues(network, 'Match', 'Name')).toEqual([name]);
  expect(unitValues(network, 'Link', 'MTUBytes')).toEqual([String(expected.mtu)]);
  expect(unitValues(network, 'Network', 'Address')).toEqual([expected.address]);
  const routes = network.filter((s) => s.name === 'Route').map((s) => Object.fromEntries(s.entries));
  expect(routes).toEqual(expected.linkRoute ? [{ Destination: expected.linkRoute, Scope: 'link' }] : []);
}

function describeModel(label: string, model: Topology): void {
  describe(`netplan files of ${label}`, () => {
    const { artifacts } = emitHost(model);
    const expectedAll = expectedTunnels(model, 'netplan');

    itNetplan('one netplan file per peering node, mode 0600', () => {
      const netplanPaths = artifacts.filter((a) => a.path.startsWith('netplan/'));
      expect(netplanPaths.map((a) => a.path).sort()).toEqual(expectedAll.map((t) => `netplan/${t.cluster}/${t.node}.yaml`).sort());
      for (const artifact of netplanPaths) expect(artifact.mode, artifact.path).toBe(0o600);
    });

    for (const expected of expectedAll) {
      itNetplan(`${expected.cluster}/${expected.node}: accepted by netplan generate; networkd files carry the Connect peer's values`, () => {
        const artifact = artifactAt(artifacts, `netplan/${expected.cluster}/${expected.node}.yaml`);
        const generated = netplanGenerate(artifact.content, artifact.mode);
        expect(generated.status, generated.stderr).toBe(0);
        checkNetworkd(generated, expected);
        // netplan also accepts a file without `version: 2` (real-tools.md): check it ourselves.
        expect((parse(artifact.content) as { network: { version: unknown } }).network.version).toBe(2);
      });
    }
  });
}

for (const { label, model } of modelsFor('netplan')) describeModel(label, model());

describe('the netplan harness', () => {
  itNetplan('sees netplan reject a broken file (so the checks above can fail)', () => {
    const artifact = artifactAt(emitHost(hostTestTopology()).artifacts, 'netplan/demo/worker-1.yaml');
    const broken = netplanGenerate(artifact.content.replace('mode: gre', 'mode: bogus'), 0o600);
    expect(broken.status).not.toBe(0);
    expect(broken.stderr).toMatch(/mode/);
  });

  itNetplan('sees a wrong address in the rendered files', () => {
    const artifact = artifactAt(emitHost(hostTestTopology()).artifacts, 'netplan/demo/worker-1.yaml');
    const [expected] = expectedTunnels(hostTestTopology());
    if (!expected) throw new Error('model has no tunnel');
    const shifted = netplanGenerate(artifact.content.replace('169.254.8.9/29', '169.254.8.10/29'), 0o600);
    expect(shifted.status).toBe(0);
    expect(() => checkNetworkd(shifted, expected)).toThrow();
  });
});
