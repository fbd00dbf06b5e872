import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firewallDiagnostics } from '../../src/check/firewall/check-firewall.js';
import { emitFirewall } from '../../src/emit/firewall/index.js';
import { renderRulesString, ruleVariables } from '../../src/render/firewall/rules-text.js';
import { serviceVariable } from '../../src/render/firewall/variables.js';
import type { Topology } from '../../src/model/types.js';
import { compileFixture, FIXTURES } from '../support/fixtures.js';
import { expectGolden } from '../support/golden.js';
import { itWithTools } from '../support/real-tools.js';
import { fixtureModel, loadFixtureSpec, modelFromSpec } from './model.js';
import { engineAnalysis, ruleLines, suricataTest, suricataUpdateParse } from './suricata.js';

const FIXTURE_NAMES = ['seed', 'multi'] as const;

function emitted(model: Topology) {
  const result = emitFirewall(model);
  expect(result.artifacts).toHaveLength(1);
  const [artifact] = result.artifacts;
  if (!artifact) throw new Error('no artifact');
  return { artifact, diagnostics: firewallDiagnostics(model) };
}

describe.each(FIXTURE_NAMES)('firewall rules of fixture %s', (fixture) => {
  const model = fixtureModel(fixture);
  const { artifact, diagnostics } = emitted(model);
  const variables = ruleVariables(model.firewall);

  it('are emitted without diagnostics to firewall/<rule-group>.rules', () => {
    expect(diagnostics).toEqual([]);
    expect(artifact.path).toBe(`firewall/${model.firewall.ruleGroup.name}.rules`);
    expect(artifact.mode).toBe(0o644);
  });

  it('end with exactly the rules string the Terraform rule group receives, after a comment header', () => {
    const rules = renderRulesString(model.firewall);
    expect(artifact.content.endsWith(`\n${rules}`)).toBe(true);
    const header = artifact.content.slice(0, artifact.content.length - rules.length).split('\n').filter(Boolean);
    for (const line of header) expect(line).toMatch(/^# /);
    expect(header.join('\n')).toContain('Rule order: STRICT_ORDER');
    for (const name of Object.keys(variables.ipSets)) expect(header.join('\n')).toContain(`#   ${name} = [`);
  });

  it('put every pass rule before every drop rule, one line per rule with its sid and rev', () => {
    const lines = ruleLines(artifact.content);
    expect(lines).toHaveLength(model.firewall.rules.length);
    const actions = lines.map((line) => line.split(' ')[0]);
    expect(actions.indexOf('drop')).toBe(actions.filter((a) => a === 'pass').length);
    lines.forEach((line, i) => {
      const rule = model.firewall.rules[i];
      expect(line).toContain(`; sid:${rule?.sid}; rev:${rule?.rev};)`);
      expect(line).toContain('flow:to_server;');
    });
  });

  it('match the golden file when compiled through the whole pipeline, with and without the lock', () => {
    for (const useLock of [true, false]) {
      const compiled = compileFixture(`${fixture}/topology.yaml`, { useLock });
      expect(compiled.diagnostics.filter((d) => d.code.startsWith('firewall-'))).toEqual([]);
      expect(compiled.model?.firewall.rules, 'the hand-built model of these tests has the allocator\'s rules').toEqual(model.firewall.rules);
      expectGolden(fixture, compiled.artifacts, ['firewall/']);
    }
  });

  itWithTools(['suricata'])('load in Suricata 7 with the rule variables defined', () => {
    const run = suricataTest(artifact.content, variables);
    expect(run.output).toContain(`${model.firewall.rules.length} rules successfully loaded, 0 rules failed`);
    expect(run.output).toContain('Configuration provided was successfully loaded');
    expect(run.status).toBe(0);
  });

  itWithTools(['suricata'])('do not load in Suricata 7 when a variable is missing (the test can fail)', () => {
    const { HOME_NET: _home, ...withoutServices } = Object.fromEntries(Object.entries(variables.ipSets).filter(([name]) => !name.startsWith('SVC_')));
    const run = suricataTest(artifact.content, { ipSets: withoutServices, portSets: {} });
    expect(run.status).not.toBe(0);
  });

  itWithTools(['suricata-update'])("pass suricata-update's parser line by line", () => {
    const lines = ruleLines(artifact.content);
    const parsed = suricataUpdateParse(lines);
    expect(parsed.map((p) => p?.sid)).toEqual(model.firewall.rules.map((r) => r.sid));
    expect(parsed.map((p) => p?.action)).toEqual(model.firewall.rules.map((r) => r.action));
  });

  itWithTools(['suricata'])('read, per --engine-analysis, as to-server pass rules and drop rules covering every protected service', () => {
    const analysis = engineAnalysis(artifact.content, variables).analysis;
    // the engine lists rules in its own order: compare as sets
    const bySid = (a: number, b: number): number => a - b;
    expect(analysis.map((r) => r.id).sort(bySid)).toEqual(model.firewall.rules.map((r) => r.sid).sort(bySid));
    const passes = analysis.filter((r) => r.raw.startsWith('pass '));
    const drops = analysis.filter((r) => r.raw.startsWith('drop '));
    expect(passes.length).toBeGreaterThan(0);
    for (const rule of analysis) expect(rule.type, `${rule.raw} must not be IP-only`).toBe('pkt');
    for (const rule of passes) expect(rule.flags).toEqual(expect.arrayContaining(['toserver', 'noalert']));
    for (const name of model.firewall.protectedServices) {
      const service = model.services.find((s) => s.name === name);
      const variable = serviceVariable(name);
      expect(variables.ipSets[variable]).toEqual(service?.addresses.map((a) => `${a}/32`));
      const covering = drops.filter((r) => r.raw.startsWith(`drop ip any any -> $${variable} any (`));
      expect(covering, `drop rule for ${name}`).toHaveLength(1);
      expect(covering[0]?.flags).toEqual(expect.arrayContaining(['src_any', 'sp_any', 'dp_any', 'toserver']));
      expect(covering[0]?.flags).not.toContain('noalert');
    }
    expect(drops).toHaveLength(model.firewall.protectedServices.length);
  });
});

describe('emitFirewall', () => {
  it('is deterministic', () => {
    expect(emitFirewall(fixtureModel('multi'))).toEqual(emitFirewall(fixtureModel('multi')));
  });

  it('fails the build when two allow entries grant the same thing (shadowed rule)', () => {
    const spec = loadFixtureSpec('seed');
    const allow = spec.spec.firewall.allow[0];
    if (!allow) throw new Error('seed has an allow entry');
    spec.spec.firewall.allow.push({ ...allow, name: 'again' });
    const diagnostics = firewallDiagnostics(modelFromSpec(spec));
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([['firewall-rule-shadowed', 'error']]);
    // the message names both intent entries by their rule keys
    expect(diagnostics[0]?.message).toContain('allow/again/egw-database/database/tcp');
    expect(diagnostics[0]?.message).toContain('allow/app-to-database/egw-database/database/tcp');
    // reported at the allow entry of the shadowed rule (rules run in key order: "again" comes first)
    const placed = firewallDiagnostics(modelFromSpec(spec), spec.spec.firewall.protect, spec.spec.firewall.allow.map((a) => a.name));
    expect(placed.map((d) => d.path)).toEqual([['spec', 'firewall', 'allow', 0]]);
  });

  it('fails the build when the capacity is below the rule count', () => {
    const spec = loadFixtureSpec('multi');
    spec.spec.firewall.ruleGroup.capacity = 3;
    expect(firewallDiagnostics(modelFromSpec(spec)).map((d) => d.code)).toEqual(['firewall-capacity-exceeded']);
  });

  it('warns when a protected service has no allow rule', () => {
    const spec = loadFixtureSpec('multi');
    spec.spec.firewall.allow = spec.spec.firewall.allow.filter((a) => !a.to.includes('ledger-db'));
    expect(firewallDiagnostics(modelFromSpec(spec)).map((d) => [d.code, d.severity])).toEqual([['firewall-service-unreached', 'warning']]);
  });

  it('fails the build when a sid is duplicated (e.g. a hand-edited lock)', () => {
    const model = fixtureModel('seed');
    const [first, second] = model.firewall.rules;
    if (!first || !second) throw new Error('seed has two rules');
    second.sid = first.sid;
    expect(firewallDiagnostics(model).map((d) => d.code)).toEqual(['firewall-duplicate-sid']);
  });

  it('fails the build when a rule variable holds another rule\'s addresses', () => {
    const model = fixtureModel('seed');
    const protect = model.firewall.rules.find((r) => r.origin.kind === 'protect');
    if (!protect) throw new Error('seed protects a service');
    protect.destinations = ['10.0.0.56/32'];
    expect(firewallDiagnostics(model).map((d) => d.code)).toEqual(['firewall-rule-mismatch']);
  });

  it('never sees hostile names: the spec language stops them before any rule is rendered', () => {
    const text = readFileSync(join(FIXTURES, 'seed', 'topology.yaml'), 'utf8').replace('- name: app-to-database', `- name: 'app"; sid:1; \\'`);
    const compiled = compileFixture('seed/topology.yaml', { specText: text });
    expect(compiled.artifacts).toEqual([]);
    expect(compiled.diagnostics.some((d) => d.severity === 'error' && d.path?.join('.') === 'spec.firewall.allow.0.name')).toBe(true);
  });
});
