// Connect attachments (GRE) riding on the cluster VPC's attachment, and one Connect peer per peering
// node with the allocated inside /29, the node's VPC address and the TGW GRE address. Every cluster's
// attachments share the one TGW.
import type { Cluster } from '../../model/types.js';
import type { TerraformBuilder } from './builder.js';
import { awsName } from '../../model/aws-names.js';
import { connectAttachmentName, connectPeerName } from '../../render/terraform/names.js';
import { attachmentId, tgwId } from './refs.js';
import { TF } from '../../render/terraform/types.js';

function emitClusterConnect(builder: TerraformBuilder, cluster: Cluster): void {
  const { model } = builder;
  for (const attachment of cluster.connectAttachments) {
    builder.resource(
      'transit-gateway.tf.json',
      TF.connect,
      connectAttachmentName(attachment),
      {
        transit_gateway_id: tgwId(model),
        transport_attachment_id: attachmentId({ kind: 'vpc', vpc: cluster.vpc }),
        protocol: 'gre',
        transit_gateway_default_route_table_association: false,
        transit_gateway_default_route_table_propagation: false,
        tags: { Name: awsName(model.name, attachment.name) },
      },
      { what: `the Connect attachment ${attachment.name}`, source: { kind: 'cluster', cluster: cluster.name } },
    );
  }
  for (const node of cluster.nodes) {
    const peer = node.connectPeer;
    const attachment = cluster.connectAttachments.find((a) => a.name === peer.attachment);
    if (!attachment) throw new Error(`resolved model: node ${node.name} rides on unknown Connect attachment ${peer.attachment}`);
    builder.resource(
      'transit-gateway.tf.json',
      TF.connectPeer,
      connectPeerName(cluster.name, node.name),
      {
        transit_gateway_attachment_id: attachmentId({ kind: 'connect', attachment }),
        inside_cidr_blocks: [peer.insideCidr],
        peer_address: peer.peerAddress,
        transit_gateway_address: peer.tgwGreAddress,
        // the provider takes the ASN as a string
        bgp_asn: String(cluster.asNumber),
        tags: { Name: awsName(model.name, cluster.name, node.name) },
      },
      { what: `the Connect peer of node ${node.name} in cluster ${cluster.name}`, source: { kind: 'peeringNode', cluster: cluster.name, node: node.name } },
    );
  }
}

export function emitConnect(builder: TerraformBuilder): void {
  for (const cluster of builder.model.clusters) emitClusterConnect(builder, cluster);
}
