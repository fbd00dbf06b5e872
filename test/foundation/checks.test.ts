// Semantic checks on small edits of the seed and multi fixtures.
import { describe, expect, it } from 'vitest';
import { codes, diagnose, edit, MULTI, only, SEED } from './spec-helpers.js';

describe('valid fixtures', () => {
  it('seed and multi have no diagnostics', () => {
    expect(diagnose(SEED)).toEqual([]);
    expect(diagnose(MULTI)).toEqual([]);
  });
});

describe('addresses', () => {
  it('invalid-cidr with host bits hints at the network address', () => {
    const d = only(edit(SEED, ['cidr: 10.0.0.0/16', 'cidr: 10.0.3.7/16']));
    expect(d).toMatchObject({ code: 'invalid-cidr', path: ['spec', 'vpcs', 1, 'cidr'] });
    expect(d.hint).toContain('10.0.0.0/16');
  });

  it.each(['10.0.0.0', '10.0.0.0/', '10.0.0/16', '10.0.0.0/016', '010.0.0.0/16', '300.0.0.0/8', 'ten/8'])('invalid-cidr: %s', (cidr) => {
    expect(only(edit(SEED, ['cidr: 10.0.0.0/16', `cidr: "${cidr}"`])).code).toBe('invalid-cidr');
  });

  it.each(['10.0.0', '10.0.0.055', '1.2.3.4.5', '::1'])('invalid-ip: %s', (ip) => {
    expect(only(edit(SEED, ['addresses: [10.0.0.55]', `addresses: ["${ip}"]`])).code).toBe('invalid-ip');
  });

  it('cidr-overlap names both ranges, reported at the later one', () => {
    const d = only(edit(SEED, ['cidr: 10.100.0.0/16', 'cidr: 10.0.128.0/17']));
    expect(d).toMatchObject({ code: 'cidr-overlap', path: ['spec', 'vpcs', 2, 'cidr'] });
    expect(d.message).toContain('VPC "service" (10.0.0.0/16)');
  });

  it('cidr-overlap: TGW CIDR block inside a VPC, egress pool inside the pod network', () => {
    expect(codes(diagnose(edit(SEED, ['cidrBlocks: [192.0.2.0/24]', 'cidrBlocks: [10.100.7.0/24]'])))).toEqual(['cidr-overlap']);
    expect(codes(diagnose(edit(SEED, ['cidr: 198.51.100.0/29 ', 'cidr: 192.168.7.0/29 '])))).toEqual(['cidr-overlap']);
  });

  it('pod networks of different clusters may overlap (pod addresses never leave their cluster)', () => {
    expect(diagnose(edit(MULTI, ['podCidr: 10.245.0.0/16', 'podCidr: 10.244.0.0/16']))).toEqual([]);
  });

  it('tgw-cidr-count reports the sixth block only', () => {
    const six = '[192.0.2.0/24, 198.18.0.0/24, 198.18.1.0/24, 198.18.2.0/24, 198.18.3.0/24, 198.18.4.0/24]';
    expect(diagnose(edit(SEED, ['cidrBlocks: [192.0.2.0/24]', `cidrBlocks: ${six}`])).map((d) => [d.code, d.path?.at(-1)])).toEqual([['tgw-cidr-count', 5]]);
    const five = '[192.0.2.0/24, 198.18.0.0/24, 198.18.1.0/24, 198.18.2.0/24, 198.18.3.0/24]';
    expect(diagnose(edit(SEED, ['cidrBlocks: [192.0.2.0/24]', `cidrBlocks: ${five}`]))).toEqual([]);
  });

  it('tgw CIDR blocks: /24 and larger pass, smaller and link-local fail', () => {
    expect(diagnose(edit(SEED, ['cidrBlocks: [192.0.2.0/24]', 'cidrBlocks: [192.0.0.0/22]']))).toEqual([]);
    const small = only(edit(SEED, ['cidrBlocks: [192.0.2.0/24]', 'cidrBlocks: [192.0.2.128/25]']));
    expect(small.code).toBe('tgw-cidr-too-small');
    expect(small.hint).toContain('192.0.2.0/24');
    expect(only(edit(SEED, ['cidrBlocks: [192.0.2.0/24]', 'cidrBlocks: [169.254.10.0/24]'])).code).toBe('tgw-cidr-link-local');
  });

  it('inside-pool-invalid: outside 169.254.0.0/16, or smaller than a /29', () => {
    const withPool = (pool: string) => edit(SEED, ['    cidrBlocks:', `    insideCidrPool: ${pool}\n    cidrBlocks:`]);
    expect(diagnose(withPool('169.254.8.0/28'))).toEqual([]);
    // a valid pool too small for the seed's two peers: allocation feasibility is a check too
    expect(codes(diagnose(withPool('169.254.8.8/29')))).toEqual(['pool-exhausted']);
    expect(codes(diagnose(withPool('169.254.8.8/30')))).toEqual(['inside-pool-invalid']);
    expect(codes(diagnose(withPool('169.0.0.0/8')))).toEqual(['inside-pool-invalid']);
  });

  it('node and service addresses must lie in their VPC; node addresses are unique across clusters', () => {
    expect(only(edit(SEED, ['vpcIp: 172.31.10.10', 'vpcIp: 10.0.10.10'])).code).toBe('node-ip-outside-vpc');
    expect(only(edit(SEED, ['addresses: [10.0.0.55]', 'addresses: [172.31.0.55]'])).code).toBe('service-outside-vpc');
    const twoClusters = edit(MULTI, ['cidr: 10.30.0.0/16', 'cidr: 10.30.0.0/16'], ['vpcIp: 10.30.1.21', 'vpcIp: 10.20.1.11'], ['vpc: analytics\n', 'vpc: payments\n']);
    expect(codes(diagnose(twoClusters))).toEqual(['duplicate-node-ip']);
  });
});

describe('references and names', () => {
  it('unresolved-reference suggests the nearest name', () => {
    const d = only(edit(SEED, ['to: [database]', 'to: [databse]']));
    expect(d).toMatchObject({ code: 'unresolved-reference', path: ['spec', 'firewall', 'allow', 0, 'to', 0] });
    expect(d.hint).toBe('Did you mean "database"?');
  });

  it('unresolved-reference lists the candidates when none is near', () => {
    expect(only(edit(SEED, ['protect: [database]', 'protect: [payroll]'])).hint).toBe('Use one of the defined service names: database.');
  });

  it('routesViaTransitGateway takes VPC names or CIDRs', () => {
    expect(only(edit(SEED, ['routesViaTransitGateway: [service]', 'routesViaTransitGateway: [servce]'])).hint).toBe('Did you mean "service"?');
    expect(only(edit(SEED, ['routesViaTransitGateway: [service]', 'routesViaTransitGateway: [10.0.0.0/33]'])).code).toBe('invalid-cidr');
    expect(diagnose(edit(SEED, ['routesViaTransitGateway: [service]', 'routesViaTransitGateway: [10.0.0.0/8]']))).toEqual([]);
  });

  it('wrong-role for the cluster VPC and the firewall VPC', () => {
    expect(codes(diagnose(edit(SEED, ['      vpc: cluster\n', '      vpc: service\n'])))).toEqual(['wrong-role']);
    expect(only(edit(SEED, ['    vpc: inspection\n', '    vpc: cluster\n'])).hint).toBe('Name a VPC with role inspection: inspection.');
  });

  it('availability zones must be listed in aws.availabilityZones', () => {
    const d = only(edit(SEED, ['    - name: service                      # VPC 2: the protected service, no Internet access\n      role: destination\n      cidr: 10.0.0.0/16\n      attachmentSubnets:\n        - availabilityZone: eu-west-1a', '    - name: service\n      role: destination\n      cidr: 10.0.0.0/16\n      attachmentSubnets:\n        - availabilityZone: eu-west-1x']));
    expect(d.code).toBe('unresolved-reference');
    expect(d.hint).toContain('Did you mean "eu-west-1a"?');
  });

  it('duplicate-name for services, allow rules, gateways across clusters, pools, route tables', () => {
    expect(codes(diagnose(edit(MULTI, ['name: reports-api', 'name: ledger-db'])))).toContain('duplicate-name');
    expect(codes(diagnose(edit(MULTI, ['name: reports\n', 'name: payments-to-ledger\n'])))).toEqual(['duplicate-name']);
    expect(codes(diagnose(edit(MULTI, ['name: egw-analytics', 'name: egw-ledger'], ['from: [egw-reports, egw-analytics]', 'from: [egw-reports]'])))).toEqual(['duplicate-name']);
    expect(codes(diagnose(edit(MULTI, ['{name: reports-egress, cidr', '{name: egw-ledger, cidr'])))).toEqual(['duplicate-name']);
    expect(codes(diagnose(edit(MULTI, ['name: private-b,', 'name: private-a,'])))).toEqual(['duplicate-name']);
    expect(codes(diagnose(edit(SEED, ['firewall: firewall-rt', 'firewall: inspection-rt'])))).toEqual(['duplicate-name']);
  });
});

describe('zones', () => {
  it('zones must belong to the region', () => {
    const d = diagnose(edit(SEED, ['region: eu-west-1', 'region: eu-west-3']));
    expect(d.map((x) => [x.code, x.path?.at(-1)])).toEqual([
      ['az-region-mismatch', 0],
      ['az-region-mismatch', 1],
    ]);
  });

  it('one attachment subnet per zone, one inspection entry per zone', () => {
    expect(codes(diagnose(edit(MULTI, ['{availabilityZone: us-east-1b, subnetId: subnet-0a1b2c3d4e5f60712}', '{availabilityZone: us-east-1a, subnetId: subnet-0a1b2c3d4e5f60712}'])))).toEqual([
      'duplicate-zone',
      'zone-without-attachment',
      'zone-without-attachment',
    ]);
    expect(codes(diagnose(edit(SEED, ['        - availabilityZone: eu-west-1b\n          transitGatewaySubnet', '        - availabilityZone: eu-west-1a\n          transitGatewaySubnet'])))).toEqual(['duplicate-zone']);
  });

  it('a node in a zone its VPC attachment does not reach', () => {
    const d = only(edit(MULTI, ['{name: ana-1, vpcIp: 10.30.1.21, availabilityZone: us-east-1a}', '{name: ana-1, vpcIp: 10.30.1.21, availabilityZone: us-east-1b}']));
    expect(d).toMatchObject({ code: 'zone-without-attachment', path: ['spec', 'clusters', 1, 'peeringNodes', 0, 'availabilityZone'] });
    expect(d.hint).toContain('us-east-1a');
  });
});

describe('AS numbers', () => {
  it('accepts 4-byte TGW ASNs (with the int32 CRD warning) and public cluster ASNs', () => {
    const found = diagnose(edit(SEED, ['amazonSideAsn: 64512', 'amazonSideAsn: 4294967294'], ['asNumber: 64600', 'asNumber: 16509']));
    expect(found.map((d) => [d.code, d.severity, d.path])).toEqual([['asn-exceeds-crd-int32', 'warning', ['spec', 'transitGateway', 'amazonSideAsn']]]);
  });

  it.each([2147483647, 64512])('no int32 warning for cluster ASN %i (at most 2147483647)', (asn) => {
    const text = edit(SEED, ['amazonSideAsn: 64512', 'amazonSideAsn: 64513'], ['asNumber: 64600', `asNumber: ${asn}`]);
    expect(codes(diagnose(text))).toEqual([]);
  });

  it('warns at a cluster ASN of 2147483648', () => {
    expect(only(edit(SEED, ['asNumber: 64600', 'asNumber: 2147483648']))).toMatchObject({ code: 'asn-exceeds-crd-int32', severity: 'warning', path: ['spec', 'clusters', 0, 'asNumber'] });
  });

  it.each([64511, 65535, 65536, 4199999999, 4294967295])('refuses TGW ASN %i', (asn) => {
    expect(only(edit(SEED, ['amazonSideAsn: 64512', `amazonSideAsn: ${asn}`])).code).toBe('asn-range');
  });

  it.each([0, 23456, 64496, 65535, 65551, 100000, 4294967295, -1])('refuses cluster ASN %i with the reason', (asn) => {
    const d = only(edit(SEED, ['asNumber: 64600', `asNumber: ${asn}`]));
    expect(d.code).toBe('asn-range');
    expect(d.message).toMatch(/reserved|AS_TRANS|documentation|valid ASNs/);
  });

  it('ibgp-refused explains AS_PATH', () => {
    const d = only(edit(SEED, ['asNumber: 64600', 'asNumber: 64512']));
    expect(d.code).toBe('ibgp-refused');
    expect(d.hint).toContain('non-empty AS_PATH');
  });
});

describe('pins', () => {
  const pin = (value: string) => edit(SEED, ['insideCidr: 169.254.8.8/29', `insideCidr: ${value}`]);
  it.each([
    ['10.0.8.8/29', 'pin-not-apipa'],
    ['169.254.8.0/30', 'pin-not-29'],
    ['169.254.0.0/29', 'pin-reserved'],
    ['169.254.169.248/29', 'pin-reserved'],
    ['169.254.8.9/29', 'invalid-cidr'],
  ])('%s → %s', (value, code) => {
    expect(only(pin(value)).code).toBe(code);
  });

  it('169.254.0.8/29 is not reserved (only the seven blocks are)', () => {
    expect(diagnose(pin('169.254.0.8/29'))).toEqual([]);
  });

  it('the TGW GRE address must come from a TGW CIDR block', () => {
    expect(diagnose(edit(MULTI, ['tgwGreAddress: 203.0.113.10', 'tgwGreAddress: 192.0.2.200']))).toEqual([]);
    expect(only(edit(MULTI, ['tgwGreAddress: 203.0.113.10', 'tgwGreAddress: 198.18.0.1'])).code).toBe('pin-gre-outside-tgw-cidr');
  });

  it('pins outside the inside pool, and duplicate pins across clusters', () => {
    expect(only(edit(MULTI, ['insideCidr: 169.254.101.0/29', 'insideCidr: 169.254.200.0/29'])).code).toBe('pin-outside-pool');
    const dup = edit(MULTI, ['{name: ana-1, vpcIp: 10.30.1.21, availabilityZone: us-east-1a}', '{name: ana-1, vpcIp: 10.30.1.21, availabilityZone: us-east-1a, pin: {insideCidr: 169.254.101.0/29}}']);
    expect(only(dup)).toMatchObject({ code: 'duplicate-pin', path: ['spec', 'clusters', 1, 'peeringNodes', 0, 'pin', 'insideCidr'] });
  });
});

describe('ports, Calico, templates', () => {
  it('allow.ports must be a subset of every target service', () => {
    expect(diagnose(edit(MULTI, ['to: [reports-api]', 'to: [reports-api]\n        ports: [{port: 8125, protocol: udp}]']))).toEqual([]);
    expect(only(edit(MULTI, ['to: [reports-api]', 'to: [reports-api]\n        ports: [{port: 8125}]'])).code).toBe('port-not-on-service');
  });

  it('calico-edition only when open source has egress gateways', () => {
    expect(only(edit(SEED, ['edition: enterprise, version: "3.22"', 'edition: opensource, version: "3.31"'])).code).toBe('calico-edition');
  });

  it('missing-template and template-unused', () => {
    expect(only(edit(SEED, ['        birdTemplate: templates/bird.cfg.template\n', ''])).code).toBe('missing-template');
    const unused = only(edit(SEED, ['strategy: templatePatch', 'strategy: interfaceRoute']));
    expect(unused).toMatchObject({ code: 'template-unused', severity: 'warning' });
  });

  it('a namespace is the client of one egress gateway only', () => {
    const twice = only(edit(MULTI, ['namespaces: [statements]', 'namespaces: [checkout]']));
    expect(twice.code).toBe('client-two-gateways');
    expect(twice.message).toContain('already of "egw-ledger"');
  });

  it('open source needs no template to patch (its template always renders multihop)', () => {
    const openSource = edit(
      SEED,
      ['edition: enterprise', 'edition: opensource'],
      ['        birdTemplate: templates/bird.cfg.template\n', ''],
    );
    expect(codes(diagnose(openSource))).not.toContain('missing-template');
  });
});

describe('one pass', () => {
  it('collects problems of every kind at once, sorted by position', () => {
    const text = edit(
      SEED,
      ['amazonSideAsn: 64512', 'amazonSideAsn: 100'],
      ['cidr: 10.100.0.0/16', 'cidr: 10.0.0.0/8'],
      ['insideCidr: 169.254.8.8/29', 'insideCidr: 169.254.3.0/29'],
      ['to: [database]', 'to: [db]'],
    );
    const diagnostics = diagnose(text);
    expect(codes(diagnostics)).toEqual(['asn-range', 'cidr-overlap', 'vpc-cidr-size', 'pin-reserved', 'unresolved-reference']);
    const lines = diagnostics.map((d) => d.range!.start.line);
    expect([...lines].sort((a, b) => a - b)).toEqual(lines);
  });
});

describe('referenced files', () => {
  it('compile reports file-not-found at the spec line naming a template that was not read', async () => {
    const { compile } = await import('../../src/compile.js');
    const result = compile({ spec: { path: 'spec.yaml', text: SEED }, files: new Map(), unreadable: new Map([['templates/bird.cfg.template', 'permission denied']]) });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'file-not-found', path: ['spec', 'clusters', 0, 'multihop', 'birdTemplate'], message: expect.stringContaining('permission denied') }),
    ]);
    expect(result.artifacts).toEqual([]);
  });
});

describe('shape errors', () => {
  it('a missing field points at the start of its mapping, not across the whole mapping', () => {
    const [missing] = diagnose(edit(SEED, ['      asNumber: 64600                    # eBGP with the TGW (64512)\n', '']));
    expect(missing?.code).toBe('missing-field');
    expect(missing?.range?.end).toEqual(missing?.range?.start);
  });
});
