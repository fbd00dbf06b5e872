// Firewall intent → the ordered list of rules (without sids). Each rule's key is its stable identity:
// sids and revs hang on it in the lock, so reordering intent entries never renumbers rules.
import type { FirewallRule, Ipv4Cidr, ServicePort } from '../model/types.js';
import type { Spec } from '../spec/schema.js';
import { compareAddresses, compareRules } from './canonical-order.js';

export type PlannedRule = Omit<FirewallRule, 'sid' | 'rev'>;

const hostCidr = (address: string): Ipv4Cidr => `${address}/32`;
/** A service's addresses as /32s, in numeric order: the rule's content (and digest) ignores their spec order. */
const hostCidrs = (addresses: readonly string[]): Ipv4Cidr[] => [...new Set(addresses)].sort(compareAddresses).map(hostCidr);

function portsByProtocol(ports: readonly ServicePort[]): Map<'tcp' | 'udp', number[]> {
  const byProtocol = new Map<'tcp' | 'udp', number[]>();
  for (const { port, protocol } of ports) {
    const list = byProtocol.get(protocol) ?? [];
    if (!list.includes(port)) list.push(port);
    byProtocol.set(protocol, list);
  }
  for (const list of byProtocol.values()) list.sort((a, b) => a - b);
  return byProtocol;
}

/** Assumes a checked spec: every reference resolves. The rules come in evaluation order (compareRules), whatever the spec's order. */
export function planFirewallRules(spec: Spec): PlannedRule[] {
  const gateways = new Map(spec.spec.clusters.flatMap((c) => c.egressGateways.map((g) => [g.name, g] as const)));
  const services = new Map(spec.spec.services.map((s) => [s.name, s] as const));
  const rules: PlannedRule[] = [];
  for (const allow of spec.spec.firewall.allow) {
    for (const gatewayName of allow.from) {
      const gateway = gateways.get(gatewayName);
      if (!gateway) continue;
      for (const serviceName of allow.to) {
        const service = services.get(serviceName);
        if (!service) continue;
        for (const [protocol, ports] of portsByProtocol(allow.ports ?? service.ports)) {
          rules.push({
            key: `allow/${allow.name}/${gateway.name}/${service.name}/${protocol}`,
            action: 'pass',
            protocol,
            sources: [gateway.ipPool.cidr],
            destinations: hostCidrs(service.addresses),
            ports,
            message: `allow ${allow.name}: egress gateway ${gateway.name} to ${service.name} ${protocol}/${ports.join(',')}`,
            origin: { kind: 'allow', name: allow.name, gateway: gateway.name, service: service.name },
          });
        }
      }
    }
  }
  for (const serviceName of spec.spec.firewall.protect) {
    const service = services.get(serviceName);
    if (!service) continue;
    rules.push({
      key: `protect/${service.name}`,
      action: 'drop',
      protocol: 'ip',
      sources: 'any',
      destinations: hostCidrs(service.addresses),
      ports: 'any',
      message: `protect ${service.name}: drop all other traffic to it`,
      origin: { kind: 'protect', service: service.name },
    });
  }
  return rules.sort(compareRules);
}
