// GRE (IP protocol 47) from the TGW CIDR blocks into the peering nodes' security group: the Connect
// tunnels' outer packets come from the TGW GRE addresses. BGP runs inside the tunnel, so no TCP 179 rule.
import type { TerraformBuilder } from './builder.js';
import { NAMES, VARIABLES } from '../../render/terraform/names.js';
import { TF } from '../../render/terraform/types.js';

export const GRE_PROTOCOL = '47';

export function emitSecurity(builder: TerraformBuilder): void {
  const { model } = builder;
  const clusterVpcNames = new Set(model.clusters.map((c) => c.vpc));
  for (const vpc of model.vpcs) {
    if (vpc.role !== 'cluster' || !clusterVpcNames.has(vpc.name)) continue;
    const securityGroupId = builder.awsId(
      vpc.nodeSecurityGroupId,
      VARIABLES.nodeSecurityGroupId(vpc.name),
      `Id of the security group of the peering (egress gateway) nodes in the cluster VPC "${vpc.name}".`,
      { kind: 'vpc', vpc: vpc.name },
    );
    for (const cidr of model.transitGateway.cidrBlocks) {
      builder.resource(
        'security.tf.json',
        TF.ingressRule,
        NAMES.greIngress(vpc.name, cidr),
        {
          security_group_id: securityGroupId,
          description: `GRE from the Transit Gateway CIDR block ${cidr} (Connect tunnels)`,
          ip_protocol: GRE_PROTOCOL,
          cidr_ipv4: cidr,
        },
        { what: `the GRE ingress rule from ${cidr} in VPC ${vpc.name}`, source: { kind: 'vpc', vpc: vpc.name } },
      );
    }
  }
}
