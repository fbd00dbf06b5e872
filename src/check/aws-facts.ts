// AWS facts the checks enforce, each with its source: a section of the project's AWS notes
// (shared/reference/aws.md beside the repository, sources listed at its end) or an AWS page.
import { parseCidr, type Ipv4Network } from './cidr.js';

function network(text: string): Ipv4Network {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(`bad built-in CIDR ${text}`);
  return parsed.network;
}

/** IPv4 link-local range. aws.md A.1 "GRE outer addresses" / "Inside (BGP) CIDR blocks". */
export const LINK_LOCAL = network('169.254.0.0/16');

/** TGW CIDR blocks: IPv4 /24 or larger. aws.md A.1 "GRE outer addresses" [TGW-CREATE]. */
export const TGW_CIDR_MAX_PREFIX = 24;
/** At most 5 CIDR blocks per TGW, not adjustable. aws.md A.1 "GRE outer addresses" [TGW-QUOTAS]. */
export const TGW_CIDR_MAX_BLOCKS = 5;

/** Inside CIDR of a Connect peer: exactly one /29 from 169.254.0.0/16. aws.md A.1 "Inside (BGP) CIDR blocks". */
export const INSIDE_CIDR_PREFIX = 29;

/** The seven /29s AWS refuses as inside CIDRs. aws.md A.1 "Inside (BGP) CIDR blocks" [TGW-CONNECT] [TF-GO-PEER]. */
export const RESERVED_INSIDE_CIDRS: readonly string[] = [
  '169.254.0.0/29',
  '169.254.1.0/29',
  '169.254.2.0/29',
  '169.254.3.0/29',
  '169.254.4.0/29',
  '169.254.5.0/29',
  '169.254.169.248/29',
];

export interface AsnRange {
  from: number;
  to: number;
}

/** Amazon-side ASN of a TGW: 64512-65534 or 4200000000-4294967294. aws.md A.1 "BGP requirements" [TGW-CREATE]. */
export const TGW_ASN_RANGES: readonly AsnRange[] = [
  { from: 64512, to: 65534 },
  { from: 4200000000, to: 4294967294 },
];

/** Largest usable 4-byte ASN (4294967295 is reserved, RFC 7300); Terraform validates bgp_asn as a 4-byte ASN. aws.md A.1 [TF-GO-PEER]. */
export const MAX_ASN = 4294967294;

/**
 * ASNs a BGP speaker must not use (IANA special-purpose AS numbers registry): 0 (RFC 7607), 23456
 * AS_TRANS (RFC 6793), 64496-64511 and 65536-65551 documentation (RFC 5398), 65535 (RFC 7300),
 * 65552-131071 reserved by IANA. The peer ASN is "an ASN you own, or a private one" (aws.md A.1
 * "BGP requirements" [TGW-CONNECT-PEER]); none of these can be owned.
 */
export const RESERVED_ASNS: readonly (AsnRange & { why: string })[] = [
  { from: 0, to: 0, why: 'AS 0 is reserved (RFC 7607)' },
  { from: 23456, to: 23456, why: 'AS 23456 is AS_TRANS, a placeholder for 4-byte ASNs (RFC 6793)' },
  { from: 64496, to: 64511, why: '64496-64511 are reserved for documentation (RFC 5398)' },
  { from: 65535, to: 65535, why: 'AS 65535 is reserved (RFC 7300)' },
  { from: 65536, to: 65551, why: '65536-65551 are reserved for documentation (RFC 5398)' },
  { from: 65552, to: 131071, why: '65552-131071 are reserved by IANA' },
];

/*
 * A VPC attachment serves only the availability zones it has a subnet in (resources in other zones of
 * the VPC cannot reach the transit gateway), and it takes one subnet per zone. (Not in aws.md; AWS Transit Gateway guide, "Amazon VPC attachments",
 * Limits: https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html.) So a peering node's zone
 * needs an attachment subnet in the cluster VPC, or its GRE packets never reach the TGW. Enforced in
 * zones.ts (zone-without-attachment, duplicate-zone).
 */

/** AWS Network Firewall: the largest stateful rule group capacity (quotas page); a stateful rule takes 1. */
export const MAX_CAPACITY = 30_000;

/** AWS quota: Connect peers per Connect attachment. */
export const MAX_PEERS_PER_ATTACHMENT = 4;
