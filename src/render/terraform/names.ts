// Deterministic Terraform names (resource names, variable names) built from spec names, never from list
// positions, so that reordering the spec never renames (and so never replaces) a resource.
// Spec names are DNS labels; "-" and the punctuation of CIDRs become "_", the usual Terraform style.
// Two different spec objects could in theory map to one name (e.g. "a-b"+"c" and "a"+"b-c"); the
// emitter's document builder collects such clashes and the checker reports them (terraform-name-clash).
// Below both the emitter and the path model (src/paths/artifacts.ts), so a trace names what build writes.
import type { AttachmentRef, ConnectAttachment, Ipv4Cidr } from '../../model/types.js';

/** A Terraform identifier from name parts: letters, digits and "_", never starting with a digit. */
export function identifier(...parts: readonly string[]): string {
  const joined = parts.map((part) => part.replace(/[^A-Za-z0-9]/g, '_')).join('_');
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

/** "10.0.0.0/16" → "10_0_0_0_16" as a name part. */
export const cidrPart = (cidr: Ipv4Cidr): string => cidr.replace(/[./]/g, '_');

export const vpcAttachmentName = (vpc: string): string => identifier(vpc);
export const connectAttachmentName = (attachment: ConnectAttachment): string => identifier(attachment.name);
export const connectPeerName = (cluster: string, node: string): string => identifier(cluster, node);

/** Associations and propagations cover both attachment types, so the kind is part of the name. */
export const attachmentKey = (ref: AttachmentRef): string =>
  ref.kind === 'vpc' ? identifier('vpc', ref.vpc) : identifier('connect', ref.attachment.name);

export const NAMES = {
  transitGateway: (name: string): string => identifier(name),
  tgwRouteTable: (name: string): string => identifier(name),
  association: (ref: AttachmentRef): string => attachmentKey(ref),
  propagation: (routeTable: string, ref: AttachmentRef): string => identifier(routeTable, attachmentKey(ref)),
  tgwRoute: (routeTable: string, cidr: Ipv4Cidr): string => identifier(routeTable, cidrPart(cidr)),
  vpcRoute: (vpc: string, routeTable: string, cidr: Ipv4Cidr): string => identifier(vpc, routeTable, cidrPart(cidr)),
  inspectionRoute: (vpc: string, zone: string, subnet: 'tgw_subnet' | 'firewall_subnet', cidr: Ipv4Cidr): string =>
    identifier(vpc, zone, subnet, cidrPart(cidr)),
  greIngress: (vpc: string, cidr: Ipv4Cidr): string => identifier(vpc, 'gre_from', cidrPart(cidr)),
  ruleGroup: (name: string): string => identifier(name),
  firewallPolicy: (name: string): string => identifier(name),
  firewall: (name: string): string => identifier(name),
  /** local: availability zone → firewall endpoint id */
  firewallEndpoints: (firewall: string): string => identifier(firewall, 'endpoint_ids'),
} as const;

/** Variable names for the AWS ids the spec leaves open. */
export const VARIABLES = {
  vpcId: (vpc: string): string => identifier(vpc, 'vpc_id'),
  attachmentSubnetId: (vpc: string, zone: string): string => identifier(vpc, zone, 'attachment_subnet_id'),
  routeTableId: (vpc: string, routeTable: string): string => identifier(vpc, routeTable, 'route_table_id'),
  inspectionSubnetId: (vpc: string, zone: string, subnet: 'tgw_subnet' | 'firewall_subnet'): string => identifier(vpc, zone, subnet, 'id'),
  inspectionRouteTableId: (vpc: string, zone: string, subnet: 'tgw_subnet' | 'firewall_subnet'): string =>
    identifier(vpc, zone, subnet, 'route_table_id'),
  nodeSecurityGroupId: (vpc: string): string => identifier(vpc, 'node_security_group_id'),
} as const;

/**
 * The spec object a Terraform name is derived from, by its spec names: where the checker points when two
 * objects map to one name (terraform-name-clash). The emitter's builder records one per name it gives.
 */
export type NameSource =
  | { kind: 'transitGateway' }
  | { kind: 'tgwRouteTable'; table: string }
  | { kind: 'vpc'; vpc: string }
  | { kind: 'routeTable'; vpc: string; table: string }
  | { kind: 'zone'; vpc: string; zone: string }
  | { kind: 'cluster'; cluster: string }
  | { kind: 'peeringNode'; cluster: string; node: string }
  | { kind: 'firewall' }
  | { kind: 'ruleGroup' };

/** Who a Terraform name stands for: a description for messages, and the spec object it comes from. */
export interface NameOwner {
  what: string;
  source: NameSource;
}

/** One Terraform address that two or more spec objects map to, with every owner in the order named. */
export interface NameClash {
  address: string;
  owners: NameOwner[];
}

/** The spec object of an attachment: a VPC's own, or the cluster a Connect attachment is created for. */
export const attachmentSource = (ref: AttachmentRef): NameSource =>
  ref.kind === 'vpc' ? { kind: 'vpc', vpc: ref.vpc } : { kind: 'cluster', cluster: ref.attachment.cluster };
