// Real consumer of kustomization.yaml: `kubectl kustomize` (the build step of `kubectl apply -k`,
// which needs no API server) must accept each cluster directory and yield every manifest.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect } from 'vitest';
import { emitCalico } from '../../src/emit/calico/index.js';
import { itWithTools } from '../support/real-tools.js';
import { manifestArtifacts, parseStream, type K8sDoc } from './support/emitted.js';
import { handBuiltTopology } from './support/topology.js';

const identity = (doc: K8sDoc): string => `${doc.apiVersion}/${doc.kind}/${doc.metadata.namespace ?? ''}/${doc.metadata.name}`;

describe('kubectl kustomize', () => {
  const dir = mkdtempSync(join(tmpdir(), 'egressc-calico-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  itWithTools(['kubectl'])('builds every cluster directory into exactly the emitted manifests', () => {
    const { artifacts } = emitCalico(handBuiltTopology());
    for (const a of artifacts) {
      mkdirSync(dirname(join(dir, a.path)), { recursive: true });
      writeFileSync(join(dir, a.path), a.content);
    }
    for (const cluster of ['demo', 'analytics']) {
      const built = spawnSync('kubectl', ['kustomize', join(dir, 'calico', cluster)], { encoding: 'utf8', timeout: 30_000 });
      expect(built.status, built.stderr).toBe(0);
      const expected = manifestArtifacts(artifacts)
        .filter((a) => a.path.startsWith(`calico/${cluster}/`))
        .flatMap((a) => parseStream(a.content) as K8sDoc[]);
      const got = parseStream(built.stdout) as K8sDoc[];
      expect(got.map(identity).sort()).toEqual(expected.map(identity).sort());
      // kustomize passes the objects through unchanged (no name prefixes, no generated hashes)
      const byId = new Map(expected.map((doc) => [identity(doc), doc]));
      for (const doc of got) expect(doc).toEqual(byId.get(identity(doc)));
    }
  });
});
