// The module is a clean child module (no provider configuration), and spec.terraform.root adds a root
// configuration that calls it: every module variable passed through, every output re-exported.
import { describe, expect, it } from 'vitest';
import { emitTerraform } from '../../src/emit/terraform/index.js';
import type { TfDocument } from '../../src/emit/terraform/json.js';
import { HAND_BUILT } from './cases.js';
import { readModule } from './module.js';

describe.each(HAND_BUILT)('Terraform of the $name model', ({ model }) => {
  it('configures no provider in the module and writes no root unless asked', () => {
    const { artifacts } = emitTerraform(model());
    for (const artifact of artifacts) {
      expect(artifact.path).toMatch(/^terraform\//);
      expect(Object.keys(JSON.parse(artifact.content) as object)).not.toContain('provider');
      expect(Object.keys(JSON.parse(artifact.content) as object)).not.toContain('module');
    }
    expect(emitTerraform({ ...model(), terraform: { root: false } }).artifacts).toEqual(artifacts);
    const outputs = Object.keys(readModule(artifacts).outputs);
    for (const needed of ['transit_gateway_id', 'vpc_attachment_ids', 'connect_attachment_ids', 'connect_peer_bgp_addresses', 'firewall_endpoint_ids']) expect(outputs).toContain(needed);
  });

  it('with terraform.root, writes terraform-root/ calling ../terraform with every variable and re-exporting every output', () => {
    const topology = { ...model(), terraform: { root: true } };
    const { artifacts } = emitTerraform(topology);
    const module = readModule(artifacts);
    const root = new Map(artifacts.filter((a) => a.path.startsWith('terraform-root/')).map((a) => [a.path, JSON.parse(a.content) as TfDocument]));
    expect([...root.keys()].sort()).toEqual(['terraform-root/main.tf.json', 'terraform-root/outputs.tf.json', 'terraform-root/variables.tf.json']);
    const main = root.get('terraform-root/main.tf.json')!;
    expect(main.provider).toEqual({ aws: { region: topology.aws.region } });
    expect(main.terraform).toEqual(module.files.get('terraform/versions.tf.json')!.terraform);
    const calls = Object.entries(main.module ?? {});
    expect(calls).toHaveLength(1);
    const [name, call] = calls[0]!;
    const variables = Object.keys(module.variables).sort();
    expect(variables.length).toBeGreaterThan(0);
    expect(call).toEqual({ source: '../terraform', ...Object.fromEntries(variables.map((v) => [v, `\${var.${v}}`])) });
    expect(root.get('terraform-root/variables.tf.json')!.variable).toEqual(module.variables);
    const outputs = root.get('terraform-root/outputs.tf.json')!.output ?? {};
    expect(Object.keys(outputs).sort()).toEqual(Object.keys(module.outputs).sort());
    for (const [output, { value, description }] of Object.entries(outputs)) {
      expect(value).toBe(`\${module.${name}.${output}}`);
      expect(description).toBe(module.outputs[output]!.description);
    }
  });
});
