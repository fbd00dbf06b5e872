// A merge patch for the operator's Installation "default": node address autodetection pinned to the
// cluster VPC CIDR, so calico-node never takes the GRE tunnel's 169.254 address as the node IP.
// The other autodetection methods are set to null: a JSON merge patch deletes them, and the operator
// accepts only one method. Not part of the kustomization (the Installation already exists and is
// usually owned by the installer); docs/calico.md says to apply it with `kubectl patch --type merge`.
import type { Ipv4Cidr } from '../../model/types.js';
import { OPERATOR_V1 } from '../../render/calico/names.js';

export interface InstallationPatch {
  apiVersion: string;
  kind: 'Installation';
  metadata: { name: 'default' };
  spec: {
    calicoNetwork: {
      nodeAddressAutodetectionV4: {
        cidrs: Ipv4Cidr[];
        firstFound: null;
        kubernetes: null;
        interface: null;
        skipInterface: null;
        canReach: null;
      };
    };
  };
}

export function installationPatch(vpcCidr: Ipv4Cidr): InstallationPatch {
  return {
    apiVersion: OPERATOR_V1,
    kind: 'Installation',
    metadata: { name: 'default' },
    spec: {
      calicoNetwork: {
        nodeAddressAutodetectionV4: {
          cidrs: [vpcCidr],
          firstFound: null,
          kubernetes: null,
          interface: null,
          skipInterface: null,
          canReach: null,
        },
      },
    },
  };
}
