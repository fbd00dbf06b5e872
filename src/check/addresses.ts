// Address checks: syntax of every address and CIDR, overlaps between the ranges the topology routes,
// TGW CIDR block rules, the inside pool, and node/service addresses inside their VPCs.
import type { SpecPath } from '../diagnostics/types.js';
import type { Spec, VpcSpec } from '../spec/schema.js';
import { containsAddress, containsNetwork, formatCidr, formatIpv4, networkOf, overlaps, parseCidr, parseIpv4, supernet, type Ipv4Network } from './cidr.js';
import { addressFamily, prefixFamily } from '../net/address-family.js';
import { INSIDE_CIDR_PREFIX, LINK_LOCAL, TGW_CIDR_MAX_BLOCKS, TGW_CIDR_MAX_PREFIX } from './aws-facts.js';
import { showPath, type Report } from './context.js';
import { isCidrReference } from './references.js';

interface AddressField {
  path: SpecPath;
  text: string;
  kind: 'cidr' | 'ip';
}

/** Every address and CIDR the spec holds, with its path. */
export function addressFields(spec: Spec): AddressField[] {
  const s = spec.spec;
  const fields: AddressField[] = [];
  const cidr = (path: SpecPath, text: string | undefined) => text !== undefined && fields.push({ path, text, kind: 'cidr' });
  const ip = (path: SpecPath, text: string | undefined) => text !== undefined && fields.push({ path, text, kind: 'ip' });
  s.transitGateway.cidrBlocks.forEach((block, i) => cidr(['spec', 'transitGateway', 'cidrBlocks', i], block));
  cidr(['spec', 'transitGateway', 'insideCidrPool'], s.transitGateway.insideCidrPool);
  s.vpcs.forEach((vpc, v) => {
    cidr(['spec', 'vpcs', v, 'cidr'], vpc.cidr);
    if (vpc.role !== 'inspection') {
      vpc.routesViaTransitGateway.forEach((entry, r) => {
        if (isCidrReference(entry)) cidr(['spec', 'vpcs', v, 'routesViaTransitGateway', r], entry);
      });
    }
  });
  s.clusters.forEach((cluster, c) => {
    const at = ['spec', 'clusters', c] as const;
    cidr([...at, 'podCidr'], cluster.podCidr);
    cluster.importFromTransitGateway.forEach((prefix, i) => cidr([...at, 'importFromTransitGateway', i], prefix));
    cluster.peeringNodes.forEach((node, n) => {
      ip([...at, 'peeringNodes', n, 'vpcIp'], node.vpcIp);
      cidr([...at, 'peeringNodes', n, 'pin', 'insideCidr'], node.pin?.insideCidr);
      ip([...at, 'peeringNodes', n, 'pin', 'tgwGreAddress'], node.pin?.tgwGreAddress);
    });
    cluster.egressGateways.forEach((gateway, g) => cidr([...at, 'egressGateways', g, 'ipPool', 'cidr'], gateway.ipPool.cidr));
  });
  s.services.forEach((service, i) => service.addresses.forEach((address, a) => ip(['spec', 'services', i, 'addresses', a], address)));
  return fields;
}

export function checkAddressSyntax(spec: Spec, report: Report): void {
  for (const field of addressFields(spec)) {
    if (field.kind === 'ip') {
      if (parseIpv4(field.text) === undefined) {
        report({
          code: 'invalid-ip',
          path: field.path,
          message: addressFamily(field.text) === 'ipv6' ? `"${field.text}" is an IPv6 address; egressc supports IPv4 only.` : `"${field.text}" is not an IPv4 address.`,
          hint: 'Write four decimal numbers 0-255 separated by dots, without leading zeros, e.g. 10.0.0.55.',
        });
      }
      continue;
    }
    const parsed = parseCidr(field.text);
    if (parsed.ok) continue;
    if (parsed.reason === 'syntax') {
      report({
        code: 'invalid-cidr',
        path: field.path,
        message: prefixFamily(field.text) === 'ipv6' ? `"${field.text}" is an IPv6 prefix; egressc supports IPv4 only.` : `"${field.text}" is not an IPv4 CIDR.`,
        hint: 'Write an IPv4 network address, a slash and a prefix length 0-32, e.g. 10.0.0.0/16.',
      });
    } else {
      report({
        code: 'invalid-cidr',
        path: field.path,
        message: `"${field.text}" has host bits set: a /${parsed.network.prefix} starts at ${formatIpv4(parsed.network.base)}.`,
        hint: `Write the network address: ${formatCidr(parsed.network)}.`,
      });
    }
  }
}

export interface ClaimedRange {
  path: SpecPath;
  what: string;
  network: Ipv4Network;
  /** pod CIDRs of different clusters may overlap: pod addresses never leave their cluster */
  podOf?: string;
}

/** Ranges that must be disjoint: VPCs, TGW CIDR blocks, egress pools, pod networks. */
export function claimedRanges(spec: Spec): ClaimedRange[] {
  const s = spec.spec;
  const ranges: ClaimedRange[] = [];
  const claim = (path: SpecPath, what: string, text: string | undefined, podOf?: string) => {
    const network = networkOf(text);
    if (network) ranges.push({ path, what, network, ...(podOf !== undefined ? { podOf } : {}) });
  };
  s.vpcs.forEach((vpc, v) => claim(['spec', 'vpcs', v, 'cidr'], `VPC "${vpc.name}"`, vpc.cidr));
  s.transitGateway.cidrBlocks.forEach((block, i) => claim(['spec', 'transitGateway', 'cidrBlocks', i], `TGW CIDR block ${block}`, block));
  s.clusters.forEach((cluster, c) => {
    claim(['spec', 'clusters', c, 'podCidr'], `the pod network of cluster "${cluster.name}"`, cluster.podCidr, cluster.name);
    cluster.egressGateways.forEach((gateway, g) =>
      claim(['spec', 'clusters', c, 'egressGateways', g, 'ipPool', 'cidr'], `the egress pool of gateway "${gateway.name}"`, gateway.ipPool.cidr),
    );
  });
  return ranges;
}

export function checkOverlaps(spec: Spec, report: Report): void {
  const ranges = claimedRanges(spec);
  ranges.forEach((later, j) => {
    if (overlaps(later.network, LINK_LOCAL) && later.path[1] !== 'transitGateway') {
      report({
        code: 'cidr-overlap',
        path: later.path,
        message: `${capitalize(later.what)} (${formatCidr(later.network)}) overlaps 169.254.0.0/16, the link-local range of the GRE tunnels' inside /29s.`,
        hint: 'Use a range outside 169.254.0.0/16.',
      });
    }
    for (const earlier of ranges.slice(0, j)) {
      if (!overlaps(earlier.network, later.network)) continue;
      if (earlier.podOf !== undefined && later.podOf !== undefined && earlier.podOf !== later.podOf) continue;
      report({
        code: 'cidr-overlap',
        path: later.path,
        message: `${capitalize(later.what)} (${formatCidr(later.network)}) overlaps ${earlier.what} (${formatCidr(earlier.network)}) at ${showPath(earlier.path)}.`,
        hint: 'Routed ranges must be disjoint, or the Transit Gateway and the nodes cannot tell them apart; pick a range that overlaps neither.',
      });
    }
  });
}

export function checkTransitGatewayCidrs(spec: Spec, report: Report): void {
  const tgw = spec.spec.transitGateway;
  tgw.cidrBlocks.forEach((block, i) => {
    const path = ['spec', 'transitGateway', 'cidrBlocks', i];
    if (i === TGW_CIDR_MAX_BLOCKS) {
      report({
        code: 'tgw-cidr-count',
        path,
        message: `A Transit Gateway has at most ${TGW_CIDR_MAX_BLOCKS} CIDR blocks; this is block ${i + 1} of ${tgw.cidrBlocks.length}.`,
        hint: 'AWS does not raise this quota; use fewer, larger blocks (each gives 256 or more GRE addresses).',
      });
    }
    const network = networkOf(block);
    if (!network) return;
    if (network.prefix > TGW_CIDR_MAX_PREFIX) {
      report({
        code: 'tgw-cidr-too-small',
        path,
        message: `TGW CIDR block ${block} is a /${network.prefix}; AWS requires /${TGW_CIDR_MAX_PREFIX} or larger.`,
        hint: `Use a /${TGW_CIDR_MAX_PREFIX} (256 addresses) or a shorter prefix, e.g. ${formatCidr(supernet(network, TGW_CIDR_MAX_PREFIX))}.`,
      });
    }
    if (overlaps(network, LINK_LOCAL)) {
      report({
        code: 'tgw-cidr-link-local',
        path,
        message: `TGW CIDR block ${block} lies in 169.254.0.0/16, which AWS does not allow for TGW CIDR blocks.`,
        hint: 'Choose a public or private range outside 169.254.0.0/16 that no VPC uses, e.g. 192.0.2.0/24.',
      });
    }
  });
}

const isValidInsidePool = (pool: Ipv4Network) => containsNetwork(LINK_LOCAL, pool) && pool.prefix <= INSIDE_CIDR_PREFIX;

/** The inside pool when it is usable (else it is reported as inside-pool-invalid or invalid-cidr). */
export function insidePool(spec: Spec): Ipv4Network | undefined {
  const pool = networkOf(spec.spec.transitGateway.insideCidrPool);
  return pool && isValidInsidePool(pool) ? pool : undefined;
}

export function checkInsidePool(spec: Spec, report: Report): void {
  const text = spec.spec.transitGateway.insideCidrPool;
  const pool = networkOf(text);
  if (!pool) return;
  if (!isValidInsidePool(pool)) {
    report({
      code: 'inside-pool-invalid',
      path: ['spec', 'transitGateway', 'insideCidrPool'],
      message: `insideCidrPool ${text} must be inside 169.254.0.0/16 and hold at least one /${INSIDE_CIDR_PREFIX}.`,
      hint: 'Connect peers take their inside /29 from 169.254.0.0/16; use e.g. 169.254.100.0/22, or leave insideCidrPool out for the whole range.',
    });
  }
}

export function checkVpcMembership(spec: Spec, report: Report): void {
  const s = spec.spec;
  const vpcByName = new Map(s.vpcs.map((vpc) => [vpc.name, vpc] as const));
  const seenNodeIps = new Map<number, SpecPath>();
  s.clusters.forEach((cluster, c) => {
    // A VPC of the wrong role is reported as wrong-role; checking membership in it would only add noise.
    const vpc = onlyRole(vpcByName.get(cluster.vpc), 'cluster');
    const vpcNetwork = networkOf(vpc?.cidr);
    cluster.peeringNodes.forEach((node, n) => {
      const path = ['spec', 'clusters', c, 'peeringNodes', n, 'vpcIp'];
      const address = parseIpv4(node.vpcIp);
      if (address === undefined) return;
      if (vpc && vpcNetwork && !containsAddress(vpcNetwork, address)) {
        report({
          code: 'node-ip-outside-vpc',
          path,
          message: `Node "${node.name}" has vpcIp ${node.vpcIp}, outside its cluster's VPC "${vpc.name}" (${vpc.cidr}).`,
          hint: `Use the node's primary address, which lies in ${vpc.cidr}, or fix the cluster's vpc.`,
        });
      }
      const first = seenNodeIps.get(address);
      if (first) {
        report({
          code: 'duplicate-node-ip',
          path,
          message: `vpcIp ${node.vpcIp} is already used by the node at ${showPath(first)}.`,
          hint: 'Each peering node has its own address; it is the GRE tunnel endpoint and the Connect peer address.',
        });
      } else {
        seenNodeIps.set(address, path);
      }
    });
  });
  s.services.forEach((service, i) => {
    const vpc = onlyRole(vpcByName.get(service.vpc), 'destination');
    const vpcNetwork = networkOf(vpc?.cidr);
    if (!vpc || !vpcNetwork) return;
    service.addresses.forEach((text, a) => {
      const address = parseIpv4(text);
      if (address === undefined || containsAddress(vpcNetwork, address)) return;
      report({
        code: 'service-outside-vpc',
        path: ['spec', 'services', i, 'addresses', a],
        message: `Service "${service.name}" address ${text} is outside its VPC "${vpc.name}" (${vpc.cidr}).`,
        hint: `Fix the address or the service's vpc; the firewall and the routes assume the service lives in ${vpc.cidr}.`,
      });
    });
  });
}

function onlyRole(vpc: VpcSpec | undefined, role: VpcSpec['role']): VpcSpec | undefined {
  return vpc?.role === role ? vpc : undefined;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
