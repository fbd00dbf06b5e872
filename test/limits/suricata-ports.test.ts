// A rule's port list: Suricata's limit (measured here against the real engine) and the check that keeps
// the spec under it.
import { describe, expect, it } from 'vitest';
import { portGroupLength, SURICATA_PORT_GROUP_MAX } from '../../src/check/suricata-limits.js';
import { ruleVariables } from '../../src/render/firewall/rules-text.js';
import { compileFixture } from '../support/fixtures.js';
import { suricataTest } from '../firewall/suricata.js';
import { itWithTools } from '../support/real-tools.js';
import { codes, diagnose, edit, SEED } from '../foundation/spec-helpers.js';

/** 170 five-digit ports (1021 characters as a group) plus one port of `digits` digits. */
const ports = (digits: number): number[] => [...Array.from({ length: 170 }, (_, i) => 10000 + i), Number('1'.repeat(digits))];
const withPorts = (list: readonly number[]) =>
  edit(SEED, ['        - {port: 5432, protocol: tcp}', `        - {port: 5432, protocol: tcp}\n${list.map((port) => `        - {port: ${port}, protocol: tcp}`).join('\n')}`]);

describe('Suricata port lists', () => {
  it('the group is "[a,b]" text; one port is bare', () => {
    expect(portGroupLength([80])).toBe(2);
    expect(portGroupLength([80, 443, 80])).toBe('[80,443]'.length);
    expect(portGroupLength([5432, ...ports(3)])).toBe(SURICATA_PORT_GROUP_MAX + 5);
  });

  itWithTools(['suricata'])(`suricata -T accepts a ${SURICATA_PORT_GROUP_MAX}-character port list and refuses one more`, () => {
    const rule = (list: readonly number[]) => `pass tcp any any -> any [${list.join(',')}] (msg:"ports"; flow:to_server; sid:1000001; rev:1;)\n`;
    const variables = { ipSets: { HOME_NET: ['10.0.0.0/8'] }, portSets: {} };
    expect(portGroupLength(ports(3))).toBe(SURICATA_PORT_GROUP_MAX);
    expect(suricataTest(rule(ports(3)), variables).status).toBe(0);
    expect(portGroupLength(ports(4))).toBe(SURICATA_PORT_GROUP_MAX + 1);
    expect(suricataTest(rule(ports(4)), variables).output).toContain('not every port block was properly closed');
  });

  itWithTools(['suricata'])('a service at the limit builds, and suricata -T accepts its rule group', () => {
    // 5432, 169 five-digit ports and 1111: 4 + 845 + 4 digits, 170 commas, 2 brackets = 1025
    const text = withPorts([...ports(3).slice(1, 170), 1111]);
    const built = compileFixture('seed/topology.yaml', { specText: text });
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const rules = built.artifacts.find((a) => a.path.startsWith('firewall/'));
    expect(rules?.content).toMatch(new RegExp(`\\[[0-9,]{${SURICATA_PORT_GROUP_MAX - 2}}\\]`));
    const run = suricataTest(rules!.content, ruleVariables(built.model!.firewall));
    expect(run.status, run.output).toBe(0);
  });

  it('firewall-port-list-too-long at the service ports, once, when the list would be longer', () => {
    const found = diagnose(withPorts(ports(3)));
    expect(codes(found)).toEqual(['firewall-port-list-too-long']);
    expect(found[0]?.path).toEqual(['spec', 'services', 0, 'ports']);
  });
});
