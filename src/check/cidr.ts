// IPv4 address and CIDR helpers for the checks (and anyone else who needs them): parsing is strict
// (four decimal parts, no leading zeros, prefix 0-32) and done with ipaddr.js; arithmetic on uint32.
import ipaddr from 'ipaddr.js';

export interface Ipv4Network {
  /** network address as an unsigned 32-bit integer */
  base: number;
  prefix: number;
  /** number of addresses */
  size: number;
}

export type CidrParse =
  | { ok: true; network: Ipv4Network }
  | { ok: false; reason: 'syntax' }
  | { ok: false; reason: 'host-bits'; network: Ipv4Network; written: string };

const CIDR_FORM = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/;

export function parseIpv4(text: string): number | undefined {
  if (!ipaddr.IPv4.isValidFourPartDecimal(text)) return undefined;
  const bytes = ipaddr.IPv4.parse(text).toByteArray();
  return bytes.reduce((acc, byte) => acc * 256 + byte, 0);
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

export function formatCidr(network: Ipv4Network): string {
  return `${formatIpv4(network.base)}/${network.prefix}`;
}

export function parseCidr(text: string): CidrParse {
  const match = CIDR_FORM.exec(text);
  if (!match) return { ok: false, reason: 'syntax' };
  const address = parseIpv4(match[1]!);
  const prefixText = match[2]!;
  const prefix = Number(prefixText);
  if (address === undefined || prefix > 32 || (prefixText.length > 1 && prefixText.startsWith('0'))) return { ok: false, reason: 'syntax' };
  const size = 2 ** (32 - prefix);
  const base = address - (address % size);
  const network = { base, prefix, size };
  return base === address ? { ok: true, network } : { ok: false, reason: 'host-bits', network, written: text };
}

/** The network of a CIDR that parses cleanly, else undefined (syntax is reported once, elsewhere). */
export function networkOf(text: string | undefined): Ipv4Network | undefined {
  if (text === undefined) return undefined;
  const parsed = parseCidr(text);
  return parsed.ok ? parsed.network : undefined;
}

export function containsAddress(network: Ipv4Network, address: number): boolean {
  return address >= network.base && address < network.base + network.size;
}

export function containsNetwork(outer: Ipv4Network, inner: Ipv4Network): boolean {
  return inner.base >= outer.base && inner.base + inner.size <= outer.base + outer.size;
}

export function overlaps(a: Ipv4Network, b: Ipv4Network): boolean {
  return a.base < b.base + b.size && b.base < a.base + a.size;
}
