// Consumer limits checked up front: Kubernetes names and labels, AWS names, address sanity.
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compile.js';
import { checkAwsDerivedNames, deliveryStreamNameProblem, logGroupNameProblem, s3BucketNameProblem } from '../../src/check/aws-names.js';
import { dnsSubdomainProblem, labelKeyProblem, labelValueProblem } from '../../src/check/kubernetes-names.js';
import type { Finding } from '../../src/check/context.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../support/fixtures.js';
import { codes, diagnose, edit, MULTI, only, SEED } from './spec-helpers.js';

const TEMPLATE = readFileSync(join(FIXTURES, 'seed/templates/bird.cfg.template'), 'utf8');

const NODE_NAME = 'nodeName: ip-172-31-20-10.eu-west-1.compute.internal';
const withSelector = (key: string, value: string) => edit(SEED, ['          replicas: 1\n', `          replicas: 1\n          nodeSelector: {${key}: ${value}}\n`]);

describe('Kubernetes names', () => {
  it.each(['ip-172-31-20-10..compute.internal', 'ip-172-31-20-10.-x.internal', 'ip-172-31-20-10-.x.internal'])('node-name-invalid: %s (Calico BGPPeer.spec.node)', (name) => {
    const d = only(edit(SEED, [NODE_NAME, `nodeName: ${name}`]));
    expect(d).toMatchObject({ code: 'node-name-invalid', path: ['spec', 'clusters', 0, 'peeringNodes', 1, 'nodeName'] });
  });

  it('a long node name of many dotted labels is fine (no per-label limit in the name rule)', () => {
    const name = Array.from({ length: 4 }, () => 'a'.repeat(62)).join('.');
    expect(name).toHaveLength(251);
    expect(diagnose(edit(SEED, [NODE_NAME, `nodeName: ${name}`]))).toEqual([]);
  });

  it('DNS-1123 subdomains, label keys and label values follow the Kubernetes rules', () => {
    expect(dnsSubdomainProblem('a.b-c.d')).toBeUndefined();
    expect(dnsSubdomainProblem('a'.repeat(254))).toContain('254 characters');
    expect(labelKeyProblem('topology.kubernetes.io/zone')).toBeUndefined();
    expect(labelKeyProblem('Egress_Gateway.v1')).toBeUndefined();
    expect(labelKeyProblem('/zone')).toContain('prefix');
    expect(labelKeyProblem('Example.com/zone')).toContain('prefix');
    expect(labelKeyProblem('a/b/c')).toBeDefined();
    expect(labelKeyProblem(`x/${'a'.repeat(64)}`)).toContain('64 characters');
    expect(labelKeyProblem('x/')).toContain('empty');
    expect(labelValueProblem('')).toBeUndefined();
    expect(labelValueProblem('a'.repeat(63))).toBeUndefined();
    expect(labelValueProblem('a'.repeat(64))).toContain('64');
    for (const bad of ['"true"', '${ZONE}', 'a b', 'line\nbreak', '-a', 'a.']) expect(labelValueProblem(bad), bad).toBeDefined();
  });

  it('label-key-invalid at the key, label-value-invalid at the value', () => {
    const key = only(withSelector('"bad key"', 'x'));
    expect(key).toMatchObject({ code: 'label-key-invalid', path: ['spec', 'clusters', 0, 'egressGateways', 0, 'nodeSelector', 'bad key'] });
    const value = only(withSelector('example.com/zone', `"${'v'.repeat(150)}"`));
    expect(value.code).toBe('label-value-invalid');
    expect(value.message).toContain('150 characters');
    expect(value.range?.start.col).toBeGreaterThan(key.range!.start.col);
    // a value written over two lines (YAML folds the break into a space)
    expect(only(withSelector('example.com/zone', '"first line\n            second line"')).code).toBe('label-value-invalid');
    // a line break is refused for every string of the spec, before the label rules
    expect(only(withSelector('example.com/zone', '"a\\nb"')).code).toBe('control-character');
    expect(only(withSelector('example.com/zone', '"${ZONE}"')).code).toBe('label-value-invalid');
    expect(diagnose(withSelector('example.com/zone', '""'))).toEqual([]);
  });

  it('workload-name-invalid: dots in a StatefulSet name, "..", in a Deployment name; dotted Deployment names are fine', () => {
    const workload = (kind: string, name: string) =>
      edit(SEED, ['            namespaces: [app]', `            namespaces: [app]\n            workloads: [{namespace: batch, kind: ${kind}, name: ${name}}]`]);
    expect(diagnose(workload('Deployment', 'ledger.v2'))).toEqual([]);
    expect(only(workload('StatefulSet', 'ledger.v2')).code).toBe('workload-name-invalid');
    expect(only(workload('DaemonSet', 'ledger..v2')).code).toBe('workload-name-invalid');
  });
});

describe('AWS names', () => {
  it('S3 bucket names: the general purpose rules', () => {
    for (const good of ['abc', 'my-firewall-logs', 'logs.example.com', 'a'.repeat(63)]) expect(s3BucketNameProblem(good), good).toBeUndefined();
    for (const bad of ['ab', 'a'.repeat(64), 'a"b', 'My-Bucket', 'my_bucket', '-abc', 'abc.', 'a..b', '192.168.5.4', 'xn--abc', 'sthree-x', 'amzn-s3-demo-x', 'x-s3alias', 'x--ol-s3', 'x.mrap', 'x--x-s3', 'x--table-s3']) {
      expect(s3BucketNameProblem(bad), bad).toBeDefined();
    }
  });

  it('log group and delivery stream names', () => {
    expect(logGroupNameProblem('/egressc/firewall#alert_1.x')).toBeUndefined();
    expect(logGroupNameProblem('a'.repeat(513))).toBeDefined();
    expect(logGroupNameProblem('a b')).toBeDefined();
    expect(deliveryStreamNameProblem('egressc_flow.logs-1')).toBeUndefined();
    expect(deliveryStreamNameProblem('a'.repeat(65))).toBeDefined();
    expect(deliveryStreamNameProblem('a/b')).toBeDefined();
  });

  it('aws-name-invalid at the logging field (multi logs to S3 and CloudWatch)', () => {
    expect(diagnose(MULTI)).toEqual([]);
    const text = edit(MULTI, ['hub/alert}', '"hub alert"}']);
    expect(only(text)).toMatchObject({ code: 'aws-name-invalid', path: ['spec', 'firewall', 'logging', 'alert', 'logGroup'] });
  });

  it('aws-name-too-long: the rule group name carries the capacity, so it is checked over the model', () => {
    const check = (name: string, group: string, capacity: number): Finding[] => {
      const findings: Finding[] = [];
      checkAwsDerivedNames({ name, firewall: { ruleGroup: { name: group, capacity } } } as Parameters<typeof checkAwsDerivedNames>[0], (f) => findings.push(f));
      return findings;
    };
    // 63 + "-" + 57 + "-c30000" = 128, AWS's maximum
    expect(check('m'.repeat(63), 'g'.repeat(57), 30000)).toEqual([]);
    const [finding, ...rest] = check('m'.repeat(63), 'g'.repeat(58), 30000);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ code: 'aws-name-too-long', path: ['spec', 'firewall', 'ruleGroup', 'name'] });
    expect(finding?.hint).toContain('at most 57 characters');
    expect(check('m'.repeat(63), 'g'.repeat(58), 100)).toEqual([]);
  });

  it('build reports aws-name-too-long at the rule group name', () => {
    const text = edit(SEED, ['  name: seed\n', `  name: ${'s'.repeat(63)}\n`], ['name: egress-gateways', `name: ${'g'.repeat(63)}`]);
    const built = compile({ spec: { path: 'spec.yaml', text }, files: new Map([['templates/bird.cfg.template', { path: 'templates/bird.cfg.template', text: TEMPLATE }]]) });
    const errors = built.diagnostics.filter((d) => d.severity === 'error');
    expect(codes(errors)).toEqual(['aws-name-too-long']);
    expect(errors[0]?.range?.start).toEqual({ line: text.split('\n').findIndex((l) => l.includes('g'.repeat(63))) + 1, col: 13 });
    expect(built.artifacts).toEqual([]);
  });
});

describe('address sanity', () => {
  it.each([
    ['cidr: 10.0.0.0/16', 'cidr: 127.0.0.0/16', ['spec', 'vpcs', 1, 'cidr']],
    ['cidr: 10.0.0.0/16', 'cidr: 224.1.0.0/16', ['spec', 'vpcs', 1, 'cidr']],
    ['cidrBlocks: [192.0.2.0/24]', 'cidrBlocks: [0.0.2.0/24]', ['spec', 'transitGateway', 'cidrBlocks', 0]],
    ['cidr: 198.51.100.0/29 ', 'cidr: 255.255.255.248/29 ', ['spec', 'clusters', 0, 'egressGateways', 0, 'ipPool', 'cidr']],
    ['podCidr: 192.168.0.0/16', 'podCidr: 240.0.0.0/16', ['spec', 'clusters', 0, 'podCidr']],
  ] as const)('address-not-unicast: %s → %s', (from, to, path) => {
    const found = diagnose(edit(SEED, [from, to])).filter((d) => d.code === 'address-not-unicast');
    expect(found.map((d) => d.path)).toEqual([path]);
  });

  it('vpc-cidr-size: AWS accepts /16 to /28', () => {
    expect(only(edit(SEED, ['cidr: 10.100.0.0/16', 'cidr: 10.100.0.0/15'])).code).toBe('vpc-cidr-size');
    expect(only(edit(SEED, ['cidr: 10.100.0.0/16', 'cidr: 10.100.0.0/29'])).code).toBe('vpc-cidr-size');
    expect(diagnose(edit(SEED, ['cidr: 10.100.0.0/16', 'cidr: 10.100.0.0/28']))).toEqual([]);
  });

  it.each([
    ['172.31.0.0', 'the VPC network address'],
    ['172.31.0.1', 'router'],
    ['172.31.0.2', 'DNS'],
    ['172.31.0.3', 'future use'],
    ['172.31.255.255', 'last address'],
  ])('vpc-reserved-address: node %s (%s)', (address, why) => {
    const d = only(edit(SEED, ['vpcIp: 172.31.20.10', `vpcIp: ${address}`]));
    expect(d).toMatchObject({ code: 'vpc-reserved-address', path: ['spec', 'clusters', 0, 'peeringNodes', 1, 'vpcIp'] });
    expect(d.message).toContain(why);
    expect(d.hint).toContain('172.31.0.4');
  });

  it('vpc-reserved-address: services too; the rest of the VPC is not judged (subnets are unknown)', () => {
    expect(only(edit(SEED, ['addresses: [10.0.0.55]', 'addresses: [10.0.255.255]'])).path).toEqual(['spec', 'services', 0, 'addresses', 0]);
    expect(diagnose(edit(SEED, ['vpcIp: 172.31.20.10', 'vpcIp: 172.31.0.4'], ['addresses: [10.0.0.55]', 'addresses: [10.0.255.254, 10.0.1.0]']))).toEqual([]);
  });

  it("egress-pool-default-pod-pool: only without podCidr, for the operator's two defaults", () => {
    const noPodCidr = edit(SEED, ['      podCidr: 192.168.0.0/16\n', '']);
    expect(diagnose(noPodCidr)).toEqual([]);
    for (const pool of ['192.168.0.0/29', '172.16.5.0/29']) {
      const d = only(edit(noPodCidr, ['cidr: 198.51.100.0/29 ', `cidr: ${pool} `]));
      expect(d).toMatchObject({ code: 'egress-pool-default-pod-pool', path: ['spec', 'clusters', 0, 'egressGateways', 0, 'ipPool', 'cidr'] });
    }
    expect(diagnose(edit(SEED, ['podCidr: 192.168.0.0/16', 'podCidr: 10.244.0.0/16'], ['cidr: 198.51.100.0/29 ', 'cidr: 172.16.5.0/29 ']))).toEqual([]);
  });
});
