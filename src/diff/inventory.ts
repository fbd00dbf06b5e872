// What a build means in AWS and BGP terms, reduced to comparable records keyed by stable names.
// Stored in manifest.json so that `egressc diff` can compare the previous build with the next one
// without parsing other emitters' artifacts.
import type { FirewallRule, Topology } from '../model/types.js';
import { namedFlows } from '../paths/flows.js';
import { byKey } from '../model/order.js';

export interface ConnectPeerRecord {
  /** "<cluster>/<node>" */
  key: string;
  attachment: string;
  insideCidr: string;
  peerAddress: string;
  tgwGreAddress: string;
  bgpAsn: number;
}

export interface BgpSessionRecord {
  /** "<cluster>/<node>/<tgw address>" */
  key: string;
  nodeAddress: string;
  nodeAsn: number;
  tgwAddress: string;
  tgwAsn: number;
}

export interface EgressPoolRecord {
  /** "<cluster>/<gateway>" */
  key: string;
  cidr: string;
}

export interface FirewallRuleRecord {
  key: string;
  sid: number;
  rev: number;
  /** 1-based evaluation position (STRICT_ORDER), as in REPORT.md */
  position: number;
  action: string;
  protocol: string;
  sources: string;
  destinations: string;
  ports: string;
}

/** One named flow (client namespace/workload or node → service port) and its verdict, from the path model. */
export interface ReachabilityRecord {
  /** e.g. "ns/app → service/database:5432/tcp" */
  key: string;
  /** e.g. "allowed", "dropped by sid 1000002" */
  verdict: string;
}

export interface Inventory {
  transitGateway: { name: string; amazonSideAsn: number };
  ruleGroup: { name: string; capacity: number };
  connectPeers: ConnectPeerRecord[];
  bgpSessions: BgpSessionRecord[];
  egressPools: EgressPoolRecord[];
  firewallRules: FirewallRuleRecord[];
  reachability: ReachabilityRecord[];
}

const list = (value: readonly (string | number)[] | 'any'): string => (value === 'any' ? 'any' : value.join(','));

function ruleRecord(rule: FirewallRule, position: number): FirewallRuleRecord {
  return {
    key: rule.key,
    sid: rule.sid,
    rev: rule.rev,
    position: position + 1,
    action: rule.action,
    protocol: rule.protocol,
    sources: list(rule.sources),
    destinations: list(rule.destinations),
    ports: list(rule.ports),
  };
}

export function inventoryOf(model: Topology): Inventory {
  const tgwAsn = model.transitGateway.amazonSideAsn;
  const nodes = model.clusters.flatMap((cluster) => cluster.nodes.map((node) => ({ cluster, node })));
  return {
    transitGateway: { name: model.transitGateway.name, amazonSideAsn: tgwAsn },
    ruleGroup: { ...model.firewall.ruleGroup },
    connectPeers: nodes
      .map(({ cluster, node }) => ({
        key: `${cluster.name}/${node.name}`,
        attachment: node.connectPeer.attachment,
        insideCidr: node.connectPeer.insideCidr,
        peerAddress: node.connectPeer.peerAddress,
        tgwGreAddress: node.connectPeer.tgwGreAddress,
        bgpAsn: cluster.asNumber,
      }))
      .sort(byKey),
    bgpSessions: nodes
      .flatMap(({ cluster, node }) =>
        node.connectPeer.tgwBgpAddresses.map((tgwAddress) => ({
          key: `${cluster.name}/${node.name}/${tgwAddress}`,
          nodeAddress: node.connectPeer.nodeBgpAddress,
          nodeAsn: cluster.asNumber,
          tgwAddress,
          tgwAsn,
        })),
      )
      .sort(byKey),
    egressPools: model.clusters
      .flatMap((cluster) => cluster.egressGateways.map((g) => ({ key: `${cluster.name}/${g.name}`, cidr: g.pool.cidr })))
      .sort(byKey),
    // evaluation order is what matters for rules, so they stay in model order
    firewallRules: model.firewall.rules.map(ruleRecord),
    // in the path model's order: sources, then services, as in the spec
    reachability: namedFlows(model).map((flow) => ({ key: flow.key, verdict: flow.verdict })),
  };
}
