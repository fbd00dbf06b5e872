// The fixtures compiled end to end (spec → allocator → model → Terraform): schema, references, the
// inspection design, the Connect peers, and golden files (npm run golden:update regenerates them).
import { describe, expect, it } from 'vitest';
import { compileFixture } from '../support/fixtures.js';
import { expectGolden } from '../support/golden.js';
import { checkPeersAgainstCalico, checkPeersAgainstHostTunnels } from './cross-artifacts.js';
import { checkConnectPeers, checkDesign } from './design-checks.js';
import { checkExpression, interpolations } from './hcl-references.js';
import { declarations, readModule, templateStrings } from './module.js';
import { schemaErrors } from './schema.js';

describe.each(['seed', 'multi'])('Terraform for fixtures/%s', (fixture) => {
  const compiled = compileFixture(`${fixture}/topology.yaml`, { useLock: true });
  const terraform = compiled.artifacts.filter((a) => a.path.startsWith('terraform/'));

  it('compiles without errors', () => {
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(compiled.model).toBeDefined();
    expect(terraform.length).toBeGreaterThan(0);
  });

  it('validates against the schema and references only declared names and attributes', () => {
    const module = readModule(terraform);
    const declared = declarations(module);
    for (const artifact of terraform) expect(schemaErrors(JSON.parse(artifact.content)), artifact.path).toEqual([]);
    for (const { text } of templateStrings(module)) for (const expression of interpolations(text)) checkExpression(expression, declared);
  });

  it('encodes the inspection design and the allocated Connect peers', () => {
    const model = compiled.model;
    if (!model) throw new Error('no model');
    const module = readModule(terraform);
    checkDesign(model, module);
    checkConnectPeers(model, module);
  });

  it('agrees with the host tunnels (netplan, ifcfg or keyfile) on every Connect peer', () => {
    checkPeersAgainstHostTunnels(compiled.artifacts);
  });

  it('agrees with the Calico BGP peers and the cluster ASN on every Connect peer', () => {
    checkPeersAgainstCalico(compiled.artifacts);
  });

  it('matches the golden files', () => {
    expectGolden(fixture, compiled.artifacts, ['terraform/', 'terraform-root/']);
  });
});
