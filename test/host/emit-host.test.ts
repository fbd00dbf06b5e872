// The host emitter as a whole: registered, deterministic, one GRE modules-load file, hostile values
// refused, and its output byte-compared with golden files.
import { describe, expect, it } from 'vitest';
import { UnrepresentableValueError } from '../../src/emit/host/unrepresentable.js';
import { emitHost } from '../../src/emit/host/index.js';
import { emitters } from '../../src/emit/index.js';
import { expectGolden } from '../support/golden.js';
import { artifactAt } from './support.js';
import { MODELS_UNDER_TEST } from './models.js';
import { hostTestTopology } from './topology.js';

const HOST_PREFIXES = ['netplan/', 'network-scripts/', 'networkmanager/', 'modules-load.d/'];

describe('emitHost', () => {
  it('is registered with the other emitters', () => {
    expect(emitters).toContain(emitHost);
  });

  it('gives the same bytes on every run', () => {
    expect(emitHost(hostTestTopology())).toEqual(emitHost(hostTestTopology()));
  });

  it('writes the GRE module list once, for all nodes, and only when some node peers', () => {
    const { artifacts } = emitHost(hostTestTopology());
    const modules = artifactAt(artifacts, 'modules-load.d/egressc-gre.conf');
    expect(modules.mode).toBe(0o644);
    // modules-load.d(5): one module name per line; `#` and `;` start comments.
    const names = modules.content.split('\n').filter((line) => line.trim() !== '' && !/^[#;]/.test(line));
    expect(names).toEqual(['ip_gre']);
    expect(artifacts.filter((a) => a.path.startsWith('modules-load.d/'))).toHaveLength(1);
    expect(emitHost({ ...hostTestTopology(), clusters: [] }).artifacts).toEqual([]);
  });

  it('keeps private network configuration private: netplan and keyfiles 0600, the rest 0644', () => {
    for (const artifact of emitHost(hostTestTopology()).artifacts) {
      const secret = artifact.path.startsWith('netplan/') || artifact.path.startsWith('networkmanager/');
      expect(artifact.mode, artifact.path).toBe(secret ? 0o600 : 0o644);
    }
  });

  // The lock schema keeps interface names to [a-z0-9-]{1,15} and the spec schema names to DNS labels, so
  // only a hand-built model gets here: the emitter then writes nothing rather than a file a host misreads.
  it('refuses a value a host format cannot carry (an unchecked model) instead of writing it', () => {
    const model = hostTestTopology();
    const [demo] = model.clusters;
    const hostile = demo?.nodes[1];
    if (!demo || !hostile) throw new Error('model lacks demo/worker-2');
    for (const interfaceName of ['gre 0', '../../etc', 'gre:0', 'a-very-long-name-0', '']) {
      hostile.tunnel.interfaceName = interfaceName;
      expect(() => emitHost(model), interfaceName).toThrow(UnrepresentableValueError);
    }
  });

  for (const { label, golden, model } of MODELS_UNDER_TEST) {
    it(`matches the golden files of ${label} (npm run golden:update regenerates)`, () => {
      const { artifacts } = emitHost(model());
      expectGolden(golden, artifacts, HOST_PREFIXES);
    });
  }
});
