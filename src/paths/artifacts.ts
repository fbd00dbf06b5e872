// Where each decision of a path lives in the output: the artifact and the resource (or rule) in it.
// Names come from the naming modules the emitters use (src/render), so a trace points at what build writes.
import type { AttachmentRef, Cluster, FirewallRule, Ipv4Cidr, Topology } from '../model/types.js';
import { tgwFilterName, tgwPeerName } from '../render/calico/names.js';
import { connectPeerName, NAMES, vpcAttachmentName } from '../render/terraform/names.js';
import { TF } from '../render/terraform/types.js';
import { rulesFileHeader } from '../render/firewall/rules-header.js';
import { ruleVariables } from '../render/firewall/rules-text.js';
import { workloadPatchFile } from './selection.js';

export interface ArtifactRef {
  /** path under the output directory */
  artifact: string;
  /** resource address, object or line in it */
  resource: string;
}

const ROUTING = 'terraform/routing.tf.json';
const TGW = 'terraform/transit-gateway.tf.json';

export const vpcRouteRef = (vpc: string, table: string, cidr: Ipv4Cidr): ArtifactRef => ({
  artifact: ROUTING,
  resource: `${TF.route}.${NAMES.vpcRoute(vpc, table, cidr)}`,
});

export const inspectionRouteRef = (vpc: string, zone: string, subnet: 'tgw_subnet' | 'firewall_subnet', cidr: Ipv4Cidr): ArtifactRef => ({
  artifact: ROUTING,
  resource: `${TF.route}.${NAMES.inspectionRoute(vpc, zone, subnet, cidr)}`,
});

export const associationRef = (ref: AttachmentRef): ArtifactRef => ({ artifact: ROUTING, resource: `${TF.association}.${NAMES.association(ref)}` });
export const propagationRef = (table: string, ref: AttachmentRef): ArtifactRef => ({
  artifact: ROUTING,
  resource: `${TF.propagation}.${NAMES.propagation(table, ref)}`,
});
export const tgwRouteRef = (table: string, cidr: Ipv4Cidr): ArtifactRef => ({ artifact: ROUTING, resource: `${TF.tgwRoute}.${NAMES.tgwRoute(table, cidr)}` });
export const connectPeerRef = (cluster: string, node: string): ArtifactRef => ({ artifact: TGW, resource: `${TF.connectPeer}.${connectPeerName(cluster, node)}` });
export const vpcAttachmentRef = (vpc: string): ArtifactRef => ({ artifact: TGW, resource: `${TF.vpcAttachment}.${vpcAttachmentName(vpc)}` });

export const namespaceRef = (cluster: string, namespace: string): ArtifactRef => ({ artifact: `calico/${cluster}/namespaces.yaml`, resource: `Namespace ${namespace}` });
export const workloadRef = (cluster: string, workload: { namespace: string; kind: 'Deployment' | 'StatefulSet' | 'DaemonSet'; name: string }): ArtifactRef => ({
  artifact: `calico/${cluster}/${workloadPatchFile(workload)}`,
  resource: `${workload.kind} ${workload.namespace}/${workload.name}`,
});
export const policyRef = (cluster: string, gateway: string): ArtifactRef => ({ artifact: `calico/${cluster}/egress-gateway-policies.yaml`, resource: `EgressGatewayPolicy ${gateway}` });
export const gatewayRef = (cluster: string, namespace: string, gateway: string): ArtifactRef => ({
  artifact: `calico/${cluster}/egress-gateways.yaml`,
  resource: `EgressGateway ${namespace}/${gateway}`,
});
export const poolRef = (cluster: string, pool: string): ArtifactRef => ({ artifact: `calico/${cluster}/ip-pools.yaml`, resource: `IPPool ${pool}` });
export const bgpFilterRef = (model: Topology, cluster: Cluster): ArtifactRef => ({
  artifact: `calico/${cluster.name}/bgp-filter.yaml`,
  resource: `BGPFilter ${tgwFilterName(model.transitGateway)}`,
});
export const bgpPeersRef = (cluster: Cluster, nodes: Cluster['nodes']): ArtifactRef => ({
  artifact: `calico/${cluster.name}/bgp-peers.yaml`,
  resource: nodes.map((n) => `BGPPeer ${tgwPeerName(cluster, n, 0)}`).join(', '),
});

/** Per model: the rules file's header length and each rule's line. Traces ask for a rule once per flow, and
 * rendering the header (or searching the rules) each time made every build quadratic in flows × rules. */
const ruleLines = new WeakMap<Topology, Map<FirewallRule, number>>();

function ruleLine(model: Topology, rule: FirewallRule): number {
  let lines = ruleLines.get(model);
  if (!lines) {
    const header = rulesFileHeader(model, ruleVariables(model.firewall)).length;
    lines = new Map(model.firewall.rules.map((r, index) => [r, header + index + 1]));
    ruleLines.set(model, lines);
  }
  return lines.get(rule) ?? rulesFileHeader(model, ruleVariables(model.firewall)).length;
}

/** The rules file and the line of a rule in it (its header comes first). */
export function firewallRuleRef(model: Topology, rule: FirewallRule): ArtifactRef {
  return { artifact: firewallRulesPath(model), resource: `sid ${rule.sid} (line ${ruleLine(model, rule)})` };
}

export const firewallRulesPath = (model: Topology): string => `firewall/${model.firewall.ruleGroup.name}.rules`;

export const firewallPolicyRef = (model: Topology): ArtifactRef => ({
  artifact: 'terraform/firewall.tf.json',
  resource: `${TF.firewallPolicy}.${NAMES.firewallPolicy(model.firewall.name)} stateful_default_actions`,
});
