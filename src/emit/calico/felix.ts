// FelixConfiguration "default": egress IP support per namespace (the client side is chosen by
// namespace annotations, both for direct gateway selection and for an EgressGatewayPolicy).
import { PROJECTCALICO_V3 } from './names.js';
import type { Manifest } from './manifest.js';

export function felixConfiguration(): Manifest {
  return {
    apiVersion: PROJECTCALICO_V3,
    kind: 'FelixConfiguration',
    metadata: { name: 'default' },
    spec: { egressIPSupport: 'EnabledPerNamespace' },
  };
}
