// Suricata limits of the rule group egressc writes. Rule variables (names, at most 32 characters) are
// shortened by the firewall emitter and the message is one line of printable ASCII, so what remains is
// the one thing the spec can make arbitrarily long: a rule's port list. Each allow rule becomes one
// Suricata rule per target service and protocol, whose destination port is the list of that service's
// ports (or the allow rule's own), written "[p1,p2,…]".
//
// Suricata refuses a port group longer than 1025 characters with "not every port block was properly
// closed": measured with `suricata -T` (Suricata 7.0.10, Debian), 1025 accepted, 1026 refused; the
// boundary is checked against the real engine in test/limits/suricata-ports.test.ts.
import type { SpecPath } from '../diagnostics/types.js';
import type { Spec } from '../spec/schema.js';
import type { Report } from './context.js';

export const SURICATA_PORT_GROUP_MAX = 1025;

/** Length of the port group Suricata reads for these ports: "[a,b,c]" (a single port is written bare). */
export function portGroupLength(ports: readonly number[]): number {
  const unique = [...new Set(ports)];
  if (unique.length <= 1) return unique.length === 1 ? String(unique[0]).length : 0;
  return unique.reduce((sum, port) => sum + String(port).length, 0) + unique.length - 1 + 2;
}

export function checkSuricataLimits(spec: Spec, report: Report): void {
  const s = spec.spec;
  const serviceIndex = new Map(s.services.map((service, i) => [service.name, i] as const));
  const reported = new Set<string>();
  s.firewall.allow.forEach((allow, a) => {
    for (const target of allow.to) {
      const i = serviceIndex.get(target);
      if (i === undefined) continue;
      const ports = allow.ports ?? s.services[i]!.ports;
      const path: SpecPath = allow.ports ? ['spec', 'firewall', 'allow', a, 'ports'] : ['spec', 'services', i, 'ports'];
      for (const protocol of ['tcp', 'udp'] as const) {
        const length = portGroupLength(ports.filter((p) => p.protocol === protocol).map((p) => p.port));
        const key = `${path.join('/')}/${protocol}`;
        if (length <= SURICATA_PORT_GROUP_MAX || reported.has(key)) continue;
        reported.add(key);
        report({
          code: 'firewall-port-list-too-long',
          path,
          atKey: true,
          message: `The ${protocol} ports of allow rule "${allow.name}" to "${target}" make a Suricata port list of ${length} characters; Suricata refuses more than ${SURICATA_PORT_GROUP_MAX}.`,
          hint: 'List fewer ports (split the service into several services, each with its own ports, and allow each of them).',
        });
      }
    }
  });
}
