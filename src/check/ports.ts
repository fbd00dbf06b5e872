// Allow rules may narrow a service's ports, never add ports the service does not listen on.
import type { Spec } from '../spec/schema.js';
import type { Report } from './context.js';

export function checkAllowPorts(spec: Spec, report: Report): void {
  const services = new Map(spec.spec.services.map((service) => [service.name, service] as const));
  spec.spec.firewall.allow.forEach((rule, a) => {
    rule.ports?.forEach((port, p) => {
      for (const target of rule.to) {
        const service = services.get(target);
        if (!service) continue; // reported as unresolved-reference
        if (service.ports.some((sp) => sp.port === port.port && sp.protocol === port.protocol)) continue;
        report({
          code: 'port-not-on-service',
          path: ['spec', 'firewall', 'allow', a, 'ports', p],
          message: `Allow rule "${rule.name}" opens ${port.protocol}/${port.port}, which service "${service.name}" does not listen on.`,
          hint: `Use ports of "${service.name}" (${service.ports.map((sp) => `${sp.protocol}/${sp.port}`).join(', ')}), or add the port to the service.`,
        });
      }
    });
  });
}
