// A hand-built resolved model for the host tests (until the allocator lands, and afterwards for cases
// the fixtures do not cover): two clusters, one per multihop strategy, jumbo and standard ENI MTUs.
import type { PeeringNode, Topology } from '../../src/model/types.js';
import { cluster, ec2NodeName, peeringNode, topology, type NodeParts } from '../support/model-builder.js';

/** Host tests name the node by its EC2 name and the tunnel tgw-<node>. */
const node = (parts: NodeParts): PeeringNode => peeringNode({ nodeName: ec2NodeName(parts.vpcIp), interfacePrefix: 'tgw-', ...parts });

export function hostTestTopology(): Topology {
  const base = topology({ name: 'hosttest' });
  return {
    ...base,
    transitGateway: { ...base.transitGateway, insideCidrPool: '169.254.8.0/21' },
    clusters: [
      cluster({
        name: 'demo',
        vpc: 'cluster',
        strategy: 'templatePatch',
        nodes: [
          node({ name: 'worker-1', vpcIp: '172.31.10.10', availabilityZone: 'eu-west-1a', eniMtu: 9001, inside: '169.254.8.8', tgwGreAddress: '192.0.2.1', attachment: 'demo-connect-1' }),
          node({ name: 'worker-2', specIndex: 1, vpcIp: '172.31.20.10', availabilityZone: 'eu-west-1b', eniMtu: 1500, inside: '169.254.8.16', tgwGreAddress: '192.0.2.2', attachment: 'demo-connect-1' }),
        ],
      }),
      cluster({
        name: 'edge',
        vpc: 'edge',
        strategy: 'interfaceRoute',
        nodes: [node({ name: 'worker-1', vpcIp: '10.20.1.10', availabilityZone: 'eu-west-1a', eniMtu: 9001, inside: '169.254.9.0', tgwGreAddress: '192.0.2.3', attachment: 'edge-connect-1' })],
      }),
    ],
  };
}
