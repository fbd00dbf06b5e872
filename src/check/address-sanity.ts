// Address sanity: ranges no network can route, VPC sizes AWS accepts, host addresses AWS keeps for
// itself, and egress pools that would collide with the pod pool Calico's operator creates by default.
// (Overlaps between the spec's own ranges, and 169.254.0.0/16, are checked in addresses.ts.)
import type { Spec } from '../spec/schema.js';
import { claimedRanges } from './addresses.js';
import { formatCidr, formatIpv4, networkOf, networkSize, overlaps, parseCidr, parseIpv4, type Ipv4Network } from './cidr.js';
import { showPath, type Report } from './context.js';

function network(text: string): Ipv4Network {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(`bad built-in CIDR ${text}`);
  return parsed.network;
}

/**
 * IPv4 ranges that are never a unicast network between hosts (IANA IPv4 Special-Purpose Address
 * Registry): a VPC, a TGW CIDR block, an egress pool or a pod network inside one cannot work.
 * 169.254.0.0/16 (link-local) is missing on purpose: the tunnels' inside /29s use it, and
 * cidr-overlap already refuses it for every other range.
 */
export const NON_UNICAST_RANGES: readonly { network: Ipv4Network; why: string }[] = [
  { network: network('0.0.0.0/8'), why: '"this network" (RFC 1122): a source-only range, never a destination' },
  { network: network('127.0.0.0/8'), why: 'loopback (RFC 1122): never leaves a host' },
  { network: network('224.0.0.0/4'), why: 'multicast (RFC 5771): not unicast host addresses' },
  { network: network('240.0.0.0/4'), why: 'reserved (RFC 1112), with 255.255.255.255 the limited broadcast (RFC 919)' },
];

/** AWS VPC CIDR block sizes: a /16 netmask to a /28 (AWS VPC User Guide, "VPC CIDR blocks"). */
export const VPC_PREFIX_MIN = 16;
export const VPC_PREFIX_MAX = 28;

/**
 * AWS reserves the first four and the last address of every subnet (AWS VPC User Guide, "Subnet CIDR
 * blocks": network address, VPC router, DNS, future use; last address). Subnets are aligned blocks
 * inside the VPC CIDR and at least /28, so whatever the subnet layout, the subnet holding the VPC's
 * first address starts there and the one holding its last address ends there: the VPC CIDR's first
 * four and last addresses are reserved with certainty. Other subnets' ends depend on a layout the spec
 * does not describe, so they are not checked.
 */
function vpcReservedAddress(vpc: Ipv4Network, address: number): string | undefined {
  const offset = address - vpc.base;
  const last = networkSize(vpc.prefix) - 1;
  if (offset === 0) return 'the VPC network address';
  if (offset === 1) return 'reserved by AWS for the VPC router';
  if (offset === 2) return 'reserved by AWS for the Amazon DNS server';
  if (offset === 3) return 'reserved by AWS for future use';
  if (offset === last) return "the VPC's last address, reserved by AWS (the network broadcast address)";
  return undefined;
}

/**
 * The IPv4 pool the Tigera operator creates when the Installation names none and the cluster has no
 * pool yet (tigera/operator pkg/controller/ippool/defaults.go, fillDefaults): 172.16.0.0/16 when
 * kubernetesProvider is EKS, else 192.168.0.0/16 (kubeadm clusters take kubeadm's podSubnet and
 * OpenShift its cluster network instead). Calico refuses an IPPool overlapping an existing one (3.31)
 * or marks it unusable (3.32).
 */
export const OPERATOR_DEFAULT_POD_POOLS: readonly { network: Ipv4Network; when: string }[] = [
  { network: network('192.168.0.0/16'), when: "the Tigera operator's default pod pool" },
  { network: network('172.16.0.0/16'), when: "the Tigera operator's default pod pool on EKS" },
];

export function checkAddressSanity(spec: Spec, report: Report): void {
  for (const range of claimedRanges(spec)) {
    for (const special of NON_UNICAST_RANGES) {
      if (!overlaps(range.network, special.network)) continue;
      report({
        code: 'address-not-unicast',
        path: range.path,
        message: `${capitalize(range.what)} (${formatCidr(range.network)}) overlaps ${formatCidr(special.network)}, ${special.why}.`,
        hint: 'Use a private (RFC 1918) or public unicast range that you own.',
      });
    }
  }

  const s = spec.spec;
  s.vpcs.forEach((vpc, v) => {
    const cidr = networkOf(vpc.cidr);
    if (!cidr || (cidr.prefix >= VPC_PREFIX_MIN && cidr.prefix <= VPC_PREFIX_MAX)) return;
    report({
      code: 'vpc-cidr-size',
      path: ['spec', 'vpcs', v, 'cidr'],
      message: `VPC "${vpc.name}" is a /${cidr.prefix}; AWS accepts VPC CIDR blocks from /${VPC_PREFIX_MIN} to /${VPC_PREFIX_MAX}.`,
      hint: cidr.prefix < VPC_PREFIX_MIN ? `Use a /${VPC_PREFIX_MIN} or smaller block (more VPCs if you need more addresses).` : `Use a /${VPC_PREFIX_MAX} (16 addresses) or larger block.`,
    });
  });

  const vpcNetwork = new Map(s.vpcs.map((vpc) => [vpc.name, networkOf(vpc.cidr)] as const));
  const reserved = (vpcName: string, text: string): string | undefined => {
    const vpc = vpcNetwork.get(vpcName);
    const address = parseIpv4(text);
    return vpc && address !== undefined && address >= vpc.base && address < vpc.base + networkSize(vpc.prefix) ? vpcReservedAddress(vpc, address) : undefined;
  };
  const hint = (vpcName: string): string => {
    const vpc = vpcNetwork.get(vpcName);
    return vpc
      ? `AWS never gives these to an instance or interface: the first usable host address of ${formatCidr(vpc)} is ${formatIpv4(vpc.base + 4)}, the last ${formatIpv4(vpc.base + networkSize(vpc.prefix) - 2)}. Use the address the instance really has.`
      : 'Use the address the instance really has.';
  };
  s.clusters.forEach((cluster, c) => {
    cluster.peeringNodes.forEach((node, n) => {
      const why = reserved(cluster.vpc, node.vpcIp);
      if (!why) return;
      report({
        code: 'vpc-reserved-address',
        path: ['spec', 'clusters', c, 'peeringNodes', n, 'vpcIp'],
        message: `Node "${node.name}" has vpcIp ${node.vpcIp}, ${why}: no node can have it.`,
        hint: hint(cluster.vpc),
      });
    });
  });
  s.services.forEach((service, i) => {
    service.addresses.forEach((text, a) => {
      const why = reserved(service.vpc, text);
      if (!why) return;
      report({
        code: 'vpc-reserved-address',
        path: ['spec', 'services', i, 'addresses', a],
        message: `Service "${service.name}" address ${text} is ${why}: no service can listen there.`,
        hint: hint(service.vpc),
      });
    });
  });

  s.clusters.forEach((cluster, c) => {
    if (cluster.podCidr !== undefined) return;
    cluster.egressGateways.forEach((gateway, g) => {
      const pool = networkOf(gateway.ipPool.cidr);
      if (!pool) return;
      for (const fallback of OPERATOR_DEFAULT_POD_POOLS) {
        if (!overlaps(pool, fallback.network)) continue;
        report({
          code: 'egress-pool-default-pod-pool',
          path: ['spec', 'clusters', c, 'egressGateways', g, 'ipPool', 'cidr'],
          message: `The egress pool ${gateway.ipPool.cidr} of gateway "${gateway.name}" overlaps ${formatCidr(fallback.network)}, ${fallback.when}, and cluster "${cluster.name}" does not say its pod network (podCidr is omitted at ${showPath(['spec', 'clusters', c])}).`,
          hint: `Calico refuses an IP pool that overlaps an existing one (or marks it unusable). Set podCidr to the cluster's pod network (\`kubectl get ippools\`), or pick an egress range outside ${formatCidr(fallback.network)}.`,
        });
      }
    });
  });
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
