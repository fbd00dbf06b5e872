// The longest and strangest legal spec compiles without errors, and every real consumer accepts its
// output: bird -p, suricata -T, netplan generate, GLib's key-file parser (NetworkManager), bash (ifcfg),
// the Calico CRDs and the Terraform provider schema (ajv), kubectl kustomize; names are held to the
// Kubernetes, AWS and Linux rules by oracles written here from those rules, not from egressc's checks.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Artifact } from '../../src/emit/types.js';
import { ruleVariables } from '../../src/render/firewall/rules-text.js';
import { birdParse } from '../bird/bird-parse.js';
import { ENTERPRISE_CRDS, loadCrdValidator } from '../calico/support/crd-validator.js';
import { manifestArtifacts, parseStream, type K8sDoc } from '../calico/support/emitted.js';
import { suricataTest } from '../firewall/suricata.js';
import { netplanGenerate, readKeyFiles, run, scratchDir } from '../host/support.js';
import { compileFixture } from '../support/fixtures.js';
import { itWithPythonModules, itWithTools } from '../support/real-tools.js';
import { schemaErrors } from '../terraform/schema.js';
import { longestSpec, longestSpecText, NODES_PER_BIG_CLUSTER, ODD_LABEL_KEY, ODD_LABEL_VALUE } from './longest-spec.js';

// Kubernetes rules (k8s.io/apimachinery/pkg/util/validation), restated for the oracle: a DNS-1123 label
// has at most 63 characters; a subdomain at most 253, with no limit on its dot-separated parts.
const DNS_PART = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const isLabel = (name: string): boolean => name.length <= 63 && DNS_PART.test(name);
const isSubdomain = (name: string): boolean => name.length <= 253 && name.split('.').every((part) => DNS_PART.test(part));

const compiled = compileFixture('longest/topology.yaml', { specText: longestSpecText() });
// a cluster's nodes run one node network configuration: the other two forms come from the same spec with
// every cluster switched to them
const hostVariants = (['network-scripts', 'networkmanager'] as const).flatMap((form) => compileFixture('longest/topology.yaml', { specText: longestSpecText(form) }).artifacts);
const artifacts = compiled.artifacts;
const under = (prefix: string, suffix = ''): Artifact[] =>
  [...artifacts, ...hostVariants.filter((a) => !artifacts.some((b) => b.path === a.path))].filter((a) => a.path.startsWith(prefix) && a.path.endsWith(suffix));

describe('the longest legal spec', () => {
  it('is legal: no errors, and it really is at the limits', () => {
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const spec = longestSpec();
    expect(spec.metadata.name).toHaveLength(63);
    expect(spec.spec.transitGateway.name).toHaveLength(63);
    expect(ODD_LABEL_KEY).toHaveLength(253 + 1 + 63);
    expect(ODD_LABEL_VALUE).toHaveLength(63);
    expect(compiled.model?.clusters[0]?.nodes).toHaveLength(NODES_PER_BIG_CLUSTER);
    expect(artifacts.length).toBeGreaterThan(80);
  });

  it('every file name fits Linux (255 bytes a component) and no two artifacts share a path', () => {
    for (const a of artifacts) for (const part of a.path.split('/')) expect(Buffer.byteLength(part), a.path).toBeLessThanOrEqual(255);
    expect(new Set(artifacts.map((a) => a.path)).size).toBe(artifacts.length);
  });

  itWithTools(['bird'])('bird -p accepts every peers.conf', () => {
    const files = under('bird/', '.peers.conf');
    expect(files).toHaveLength(NODES_PER_BIG_CLUSTER + 2);
    for (const a of files) expect(birdParse(a.content), a.path).toEqual({ ok: true, output: '' });
  });

  itWithTools(['suricata'])('suricata -T accepts the rule group', () => {
    const [rules, ...rest] = under('firewall/', '.rules');
    expect(rest).toEqual([]);
    const run = suricataTest(rules!.content, ruleVariables(compiled.model!.firewall));
    expect(run.status, run.output).toBe(0);
  });

  itWithTools(['netplan'])('netplan generate accepts every netplan file', () => {
    const files = under('netplan/', '.yaml');
    expect(files).toHaveLength(NODES_PER_BIG_CLUSTER + 2);
    for (const a of files) {
      const generated = netplanGenerate(a.content, a.mode ?? 0o600);
      expect(generated.status, `${a.path}: ${generated.stderr}`).toBe(0);
      expect(generated.files.size, a.path).toBeGreaterThan(0);
    }
  }, 300_000);

  itWithPythonModules(['gi'])("GLib's key-file parser (NetworkManager's) reads every .nmconnection", () => {
    const files = under('networkmanager/', '.nmconnection');
    expect(files).toHaveLength(NODES_PER_BIG_CLUSTER + 2);
    const scratch = scratchDir('nm');
    try {
      const paths = files.map((a, i) => {
        const path = join(scratch.dir, `${i}.nmconnection`);
        writeFileSync(path, a.content);
        return path;
      });
      const groups = readKeyFiles(paths);
      for (const [i, group] of groups.entries()) expect(group.connection?.['interface-name'], files[i]!.path).toMatch(/^[a-z0-9-]{1,15}$/);
    } finally {
      scratch.remove();
    }
  });

  itWithTools(['bash'])('bash parses every ifcfg / route file', () => {
    const files = under('network-scripts/');
    expect(files.length).toBeGreaterThanOrEqual(NODES_PER_BIG_CLUSTER + 2);
    const scratch = scratchDir('ifcfg');
    try {
      for (const a of files) {
        const path = join(scratch.dir, 'file');
        writeFileSync(path, a.content);
        const result = run('bash', ['-n', path]);
        expect(result.status, `${a.path}: ${result.stderr}`).toBe(0);
      }
    } finally {
      scratch.remove();
    }
  });

  it('every Calico manifest validates against the Calico Enterprise and operator CRDs; every name is a Kubernetes name', () => {
    const validator = loadCrdValidator(ENTERPRISE_CRDS);
    const manifests = manifestArtifacts(artifacts);
    expect(manifests.length).toBeGreaterThan(0);
    for (const a of manifests) {
      for (const doc of parseStream(a.content) as K8sDoc[]) {
        expect(validator.validate(doc), a.path).toEqual([]);
        expect(isSubdomain(doc.metadata.name), `${a.path}: ${doc.metadata.name}`).toBe(true);
        if (doc.metadata.namespace !== undefined) expect(isLabel(doc.metadata.namespace), a.path).toBe(true);
      }
    }
    const gateway = manifests.flatMap((a) => parseStream(a.content) as K8sDoc[]).find((doc) => doc.kind === 'EgressGateway' && doc.spec?.replicas === 100);
    expect(JSON.stringify(gateway?.spec)).toContain(JSON.stringify({ [ODD_LABEL_KEY]: ODD_LABEL_VALUE }).slice(1, -1));
  });

  it('every Terraform file validates against the provider schema; AWS names and tags fit', () => {
    const files = under('terraform/', '.tf.json');
    expect(files.length).toBeGreaterThan(0);
    for (const a of files) expect(schemaErrors(JSON.parse(a.content)), a.path).toEqual([]);
    const text = files.map((a) => a.content).join('\n');
    const names = [...text.matchAll(/"name": "([^"$]*)"/g)].map((m) => m[1]!);
    const firewallNames = names.filter((n) => n.startsWith(longestSpec().metadata.name));
    expect(firewallNames.length).toBeGreaterThanOrEqual(3);
    // AWS Network Firewall: firewall, policy and rule group names are 1-128 of [A-Za-z0-9-]
    for (const n of firewallNames) expect(n, n).toMatch(/^[A-Za-z0-9-]{1,128}$/);
    expect(Math.max(...firewallNames.map((n) => n.length))).toBe(128);
    // AWS tag values: at most 256 characters
    for (const m of text.matchAll(/"Name": "([^"]*)"/g)) expect(m[1]!.length, m[1]).toBeLessThanOrEqual(256);
  });

  itWithTools(['kubectl'])('kubectl kustomize builds every cluster directory', () => {
    const scratch = scratchDir('kustomize');
    try {
      for (const a of artifacts) {
        const path = join(scratch.dir, a.path);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, a.content);
      }
      for (const cluster of compiled.model!.clusters) {
        const built = spawnSync('kubectl', ['kustomize', join(scratch.dir, 'calico', cluster.name)], { encoding: 'utf8', timeout: 30_000 });
        expect(built.status, built.stderr).toBe(0);
        expect((parseStream(built.stdout) as K8sDoc[]).length).toBeGreaterThan(3);
      }
    } finally {
      scratch.remove();
    }
  });
});
