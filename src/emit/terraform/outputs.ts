// What a caller needs after apply: the TGW id, its route tables and attachments (to attach more VPCs or
// route to them), each Connect peer's BGP addresses as AWS assigned them (to compare with the allocation
// the node configs use) and the firewall endpoint of each AZ. Maps are keyed by the spec's own names.
import type { TerraformBuilder } from './builder.js';
import { resourceRef, type TfValue } from './json.js';
import { connectPeerName } from '../../render/terraform/names.js';
import { firewallEndpointsLocal } from './firewall.js';
import { attachmentId, tgwId, tgwRouteTableId } from './refs.js';
import { TF } from '../../render/terraform/types.js';

/** A map output keyed by spec names, in name order (independent of the order of the spec's lists). */
const byName = (entries: readonly [string, TfValue][]): Record<string, TfValue> =>
  Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** Output key of a Connect peer: "<cluster>/<node>", the spec's own names. */
export const peerOutputKey = (cluster: string, node: string): string => `${cluster}/${node}`;

export function emitOutputs(builder: TerraformBuilder): void {
  const { model } = builder;
  builder.output('transit_gateway_id', { value: tgwId(model), description: `Id of the Transit Gateway ${model.transitGateway.name}.` });

  const { inspection, firewall } = model.transitGateway.routeTables;
  builder.output(
    'transit_gateway_route_table_ids',
    { value: byName([inspection, firewall].map((table) => [table, tgwRouteTableId(table)])), description: 'Id of each Transit Gateway route table, by name.' },
  );

  const vpcAttachments = byName(model.vpcs.map((vpc) => [vpc.name, attachmentId({ kind: 'vpc', vpc: vpc.name })]));
  builder.output('vpc_attachment_ids', { value: vpcAttachments, description: 'Id of the Transit Gateway VPC attachment of each VPC, by VPC name.' });

  const connectAttachments = byName(
    model.clusters.flatMap((cluster) => cluster.connectAttachments.map((attachment): [string, TfValue] => [attachment.name, attachmentId({ kind: 'connect', attachment })])),
  );
  builder.output(
    'connect_attachment_ids',
    { value: connectAttachments, description: 'Id of each Transit Gateway Connect attachment, by attachment name.' },
  );

  const peers = byName(
    model.clusters.flatMap((cluster) =>
      cluster.nodes.map((node): [string, TfValue] => {
        const name = connectPeerName(cluster.name, node.name);
        return [
          peerOutputKey(cluster.name, node.name),
          {
            bgp_peer_address: resourceRef(TF.connectPeer, name, 'bgp_peer_address'),
            bgp_transit_gateway_addresses: resourceRef(TF.connectPeer, name, 'bgp_transit_gateway_addresses'),
          },
        ];
      }),
    ),
  );
  builder.output(
    'connect_peer_bgp_addresses',
    { value: peers, description: 'Per Connect peer ("<cluster>/<node>"): the node-side BGP address and the two TGW BGP addresses.' },
  );

  builder.output(
    'firewall_endpoint_ids',
    { value: firewallEndpointsLocal(builder), description: `Endpoint id of the firewall ${model.firewall.name} per availability zone.` },
  );
}
