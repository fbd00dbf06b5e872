// Reads the GRE tunnel of a node from its netplan file, the way netplan would hand it to the kernel:
// network.tunnels.<interface> with mode, local, remote, addresses, ttl, mtu, routes.
import { parse } from 'yaml';

export interface TunnelRoute {
  to: string;
  via?: string;
  scope?: 'link' | 'host' | 'global';
}

export interface TunnelConfig {
  name: string;
  mode: 'gre';
  local: string;
  remote: string;
  /** CIDR notation, e.g. 169.254.8.9/29 */
  addresses: string[];
  ttl?: number;
  mtu?: number;
  routes: TunnelRoute[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function field<T>(where: string, value: unknown, check: (v: unknown) => v is T, what: string): T {
  if (!check(value)) throw new Error(`netplan ${where}: expected ${what}, found ${JSON.stringify(value)}`);
  return value;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

function parseRoute(where: string, value: unknown): TunnelRoute {
  const route = field(where, value, isRecord, 'a route mapping');
  const scope = route.scope;
  if (scope !== undefined && scope !== 'link' && scope !== 'host' && scope !== 'global') throw new Error(`netplan ${where}.scope: unsupported ${String(scope)}`);
  return {
    to: field(`${where}.to`, route.to, isString, 'a destination'),
    ...(route.via !== undefined ? { via: field(`${where}.via`, route.via, isString, 'a gateway') } : {}),
    ...(scope !== undefined ? { scope } : {}),
  };
}

/** Every tunnel of a netplan document (the live test expects exactly one per node file). */
export function netplanTunnels(text: string): TunnelConfig[] {
  const doc: unknown = parse(text);
  const network = field('network', isRecord(doc) ? doc.network : undefined, isRecord, 'a network mapping');
  const tunnels = field('network.tunnels', network.tunnels, isRecord, 'a tunnels mapping');
  return Object.entries(tunnels).map(([name, raw]) => {
    const where = `network.tunnels.${name}`;
    const tunnel = field(where, raw, isRecord, 'a tunnel mapping');
    if (tunnel.mode !== 'gre') throw new Error(`${where}.mode: the live test drives GRE only, found ${String(tunnel.mode)}`);
    return {
      name,
      mode: 'gre',
      local: field(`${where}.local`, tunnel.local, isString, 'an address'),
      remote: field(`${where}.remote`, tunnel.remote, isString, 'an address'),
      addresses: field(`${where}.addresses`, tunnel.addresses, isStringArray, 'a list of addresses'),
      ...(tunnel.ttl !== undefined ? { ttl: field(`${where}.ttl`, tunnel.ttl, isNumber, 'a TTL') } : {}),
      ...(tunnel.mtu !== undefined ? { mtu: field(`${where}.mtu`, tunnel.mtu, isNumber, 'an MTU') } : {}),
      routes: tunnel.routes === undefined ? [] : field(`${where}.routes`, tunnel.routes, Array.isArray, 'a list').map((r, i) => parseRoute(`${where}.routes[${i}]`, r)),
    };
  });
}
