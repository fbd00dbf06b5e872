// The path model: one flow walked hop by hop over what egressc builds — client selection and SNAT, the
// VPC route tables, the TGW attachments and their route tables (longest prefix match over static,
// propagated and BGP-learned routes), the inspection VPC's firewall endpoint and the Suricata rules in
// strict order, the destination, and the way back. Every hop names the artifact and resource deciding it.
// Pure: a function of the resolved model and the routing plan the Terraform emitter renders.
import { containsAddress, containsNetwork, parseCidr, parseIpv4, type Ipv4Network } from '../net/ipv4.js';
import { statefulDefaultActions } from '../render/firewall/rules-text.js';
import type { AttachmentRef, Cluster, EgressGateway, FirewallRule, Ipv4Address, Ipv4Cidr, PeeringNode, Topology, Vpc } from '../model/types.js';
import { advertisement } from './advertise.js';
import * as refs from './artifacts.js';
import type { ArtifactRef } from './artifacts.js';
import { candidateClusters, findNode, type ResolvedTarget, type SourceRef } from './endpoints.js';
import { sameAttachment, spokeDestinations, tgwRoutingPlan, type TgwRouteTablePlan } from './routing.js';
import { allowedDestinations, selectedGateway } from './selection.js';

export type Direction = 'forward' | 'return';

export interface Hop {
  direction: Direction;
  /** where the packet is, e.g. "TGW route table inspection-rt" */
  at: string;
  /** what happens there */
  decision: string;
  /** the artifact and resource that decide it, when egressc writes one */
  decidedBy?: ArtifactRef;
}

export type Verdict =
  | { kind: 'allowed' }
  | { kind: 'dropped'; by: string; sid?: number; rule?: string }
  | { kind: 'no-route'; direction: Direction; at: string }
  | { kind: 'asymmetric'; reason: string };

export interface FlowTrace {
  /** the source's address range after SNAT, e.g. 198.51.100.0/29 or 172.31.10.10/32 */
  sourceCidr: Ipv4Cidr;
  /** egress gateway the flow leaves through, if any */
  gateway?: { cluster: string; name: string };
  destination: Ipv4Address;
  port: number;
  protocol: 'tcp' | 'udp';
  service?: string;
  hops: Hop[];
  verdict: Verdict;
  /** availability zone of the firewall endpoint per direction; undefined = not inspected */
  inspected: { forward?: string; return?: string };
  /** the return path relies on undocumented TGW behaviour (aws.md A.1) */
  dependsOnUndocumented: boolean;
  /** the return path enters the cluster through a node that may not host the gateway */
  relayed: boolean;
}

/** Where a flow starts after client selection: its source range, VPC and the hops so far. */
interface Origin {
  sourceCidr: Ipv4Cidr;
  vpc: Vpc;
  zone?: string;
  cluster?: Cluster;
  node?: PeeringNode;
  gateway?: EgressGateway;
  hops: Hop[];
}

export type OriginResult = { ok: true; origin: Origin } | { ok: false; error: string };

const host = (address: Ipv4Address): Ipv4Cidr => `${address}/32`;
const addressIn = (cidr: Ipv4Cidr, address: Ipv4Address): boolean => {
  const network = parseCidr(cidr);
  const value = parseIpv4(address);
  return network !== undefined && value !== undefined && containsAddress(network, value);
};
/** `outer` contains every address of `inner` */
const covers = (outer: Ipv4Cidr, inner: Ipv4Cidr): boolean => {
  const a = parseCidr(outer);
  const b = parseCidr(inner);
  return a !== undefined && b !== undefined && containsNetwork(a, b);
};
const prefixLength = (cidr: Ipv4Cidr): number => parseCidr(cidr)?.prefix ?? -1;
const clusterVpc = (model: Topology, cluster: Cluster): Vpc | undefined => model.vpcs.find((v) => v.name === cluster.vpc);

function podOrigin(model: Topology, cluster: Cluster, namespace: string, destination: Ipv4Address, workload?: Extract<SourceRef, { kind: 'workload' }>['workload']): OriginResult {
  const vpc = clusterVpc(model, cluster);
  if (!vpc) return { ok: false, error: `cluster ${cluster.name} has no VPC in the model` };
  const who = workload ? `${workload.kind} ${workload.namespace}/${workload.name}` : `a pod in namespace ${namespace}`;
  const choice = selectedGateway(cluster, namespace, workload);
  const viaNode = (why: string, hops: Hop[] = []): OriginResult => ({
    ok: true,
    origin: {
      sourceCidr: vpc.cidr,
      vpc,
      cluster,
      hops: [...hops, { direction: 'forward', at: `${who} (cluster ${cluster.name})`, decision: `${why}: leaves through its node, SNAT to the node's address (somewhere in ${vpc.cidr})` }],
    },
  });
  if (!choice) return viaNode('no egress gateway selects it');
  const { gateway } = choice;
  const selectedBy = choice.by === 'workload' && workload ? refs.workloadRef(cluster.name, workload) : refs.namespaceRef(cluster.name, namespace);
  const hops: Hop[] = [];
  if (gateway.clients.selection === 'policy') {
    const through = [...allowedDestinations(gateway, model.firewall).keys()].filter((cidr) => addressIn(cidr, destination));
    const policy = refs.policyRef(cluster.name, gateway.name);
    if (through.length === 0) {
      return viaNode(`EgressGatewayPolicy ${gateway.name} routes ${destination} normally (not one of its services)`, [
        { direction: 'forward', at: `${who} (cluster ${cluster.name})`, decision: `annotated with EgressGatewayPolicy ${gateway.name}`, decidedBy: selectedBy },
      ]);
    }
    hops.push({ direction: 'forward', at: `${who} (cluster ${cluster.name})`, decision: `EgressGatewayPolicy ${gateway.name} sends ${through.join(', ')} through egress gateway ${gateway.name}`, decidedBy: policy });
  } else {
    hops.push({ direction: 'forward', at: `${who} (cluster ${cluster.name})`, decision: `egress annotations select egress gateway ${gateway.namespace}/${gateway.name}`, decidedBy: selectedBy });
  }
  const placement = advertisement(cluster, gateway).routing.placement;
  hops.push({
    direction: 'forward',
    at: `egress gateway ${gateway.namespace}/${gateway.name}`,
    decision: `SNAT to its address in ${gateway.pool.cidr} (Calico IPAM picks it); the gateway runs on ${placement === 'connectPeers' ? 'a Connect-peer node' : 'any node its nodeSelector allows'} and sends the packet out of that node into VPC ${vpc.name}`,
    decidedBy: refs.poolRef(cluster.name, gateway.pool.name),
  });
  return { ok: true, origin: { sourceCidr: gateway.pool.cidr, vpc, cluster, gateway, hops } };
}

/** Resolve a source reference to where its packets start, for a given destination address. */
export function resolveOrigin(model: Topology, ref: SourceRef, destination: Ipv4Address): OriginResult {
  switch (ref.kind) {
    case 'namespace':
    case 'workload': {
      const namespace = ref.kind === 'namespace' ? ref.namespace : ref.workload.namespace;
      const clusters = candidateClusters(model, ref.cluster);
      if (clusters.length === 0) return { ok: false, error: `no cluster "${ref.cluster ?? ''}" in the spec` };
      const cluster =
        clusters.find((c) => selectedGateway(c, namespace, ref.kind === 'workload' ? ref.workload : undefined)) ?? (clusters.length === 1 ? clusters[0] : undefined);
      if (!cluster) return { ok: false, error: `namespace ${namespace} is a client in no cluster and the spec has several; write ns/CLUSTER/${namespace}` };
      return podOrigin(model, cluster, namespace, destination, ref.kind === 'workload' ? ref.workload : undefined);
    }
    case 'node': {
      const found = findNode(model, ref);
      if (found.length === 0) return { ok: false, error: `no peering node "${ref.node}" in the spec` };
      if (found.length > 1) return { ok: false, error: `node "${ref.node}" is in several clusters; write node/CLUSTER/${ref.node}` };
      const { cluster, node } = found[0]!;
      const vpc = clusterVpc(model, cluster);
      if (!vpc) return { ok: false, error: `cluster ${cluster.name} has no VPC in the model` };
      return {
        ok: true,
        origin: {
          sourceCidr: host(node.vpcIp),
          vpc,
          zone: node.availabilityZone,
          cluster,
          node,
          hops: [{ direction: 'forward', at: `node ${node.name} (${node.vpcIp}, ${node.availabilityZone})`, decision: 'host traffic leaves with the node\'s own address' }],
        },
      };
    }
    case 'ip': {
      for (const cluster of model.clusters) {
        const gateway = cluster.egressGateways.find((g) => addressIn(g.pool.cidr, ref.address));
        const vpc = clusterVpc(model, cluster);
        if (gateway && vpc) {
          return {
            ok: true,
            origin: {
              sourceCidr: host(ref.address),
              vpc,
              cluster,
              gateway,
              hops: [{ direction: 'forward', at: `egress gateway ${gateway.namespace}/${gateway.name}`, decision: `${ref.address} is in its pool ${gateway.pool.cidr}`, decidedBy: refs.poolRef(cluster.name, gateway.pool.name) }],
            },
          };
        }
        const node = cluster.nodes.find((n) => n.vpcIp === ref.address);
        if (node) return resolveOrigin(model, { kind: 'node', cluster: cluster.name, node: node.name }, destination);
      }
      const vpc = model.vpcs.find((v) => addressIn(v.cidr, ref.address));
      if (!vpc) return { ok: false, error: `${ref.address} is in no VPC and no egress pool of the spec` };
      return { ok: true, origin: { sourceCidr: host(ref.address), vpc, hops: [{ direction: 'forward', at: `host ${ref.address}`, decision: `in VPC ${vpc.name} (${vpc.cidr})` }] } };
    }
  }
}

interface Route {
  cidr: Ipv4Cidr;
  targets: AttachmentRef[];
  kind: 'static' | 'propagated' | 'bgp';
  decidedBy: ArtifactRef;
  note?: string;
}

/** Every route a TGW route table holds: static, the VPC CIDRs of propagating VPC attachments, the BGP routes of propagating Connect attachments. */
function tableRoutes(model: Topology, table: TgwRouteTablePlan): Route[] {
  const routes: Route[] = table.staticRoutes.map((r) => ({ cidr: r.cidr, targets: [r.attachment], kind: 'static', decidedBy: refs.tgwRouteRef(table.name, r.cidr) }));
  const bgp = new Map<Ipv4Cidr, Route>();
  // the Connect attachments whose peers advertise each gateway's pool, computed once per gateway
  const advertisingAttachments = new Map<EgressGateway, Set<string>>();
  const advertisedThrough = (cluster: Cluster, gateway: EgressGateway): Set<string> => {
    let names = advertisingAttachments.get(gateway);
    if (!names) {
      names = new Set(advertisement(cluster, gateway).advertisers.map((n) => n.connectPeer.attachment));
      advertisingAttachments.set(gateway, names);
    }
    return names;
  };
  const clusters = new Map(model.clusters.map((c) => [c.name, c] as const));
  const vpcs = new Map(model.vpcs.map((v) => [v.name, v] as const));
  for (const ref of table.propagations) {
    if (ref.kind === 'vpc') {
      const vpc = vpcs.get(ref.vpc);
      if (vpc) routes.push({ cidr: vpc.cidr, targets: [ref], kind: 'propagated', decidedBy: refs.propagationRef(table.name, ref) });
      continue;
    }
    const cluster = clusters.get(ref.attachment.cluster);
    if (!cluster) continue;
    for (const gateway of cluster.egressGateways) {
      if (!advertisedThrough(cluster, gateway).has(ref.attachment.name)) continue;
      const existing = bgp.get(gateway.pool.cidr);
      if (existing) existing.targets.push(ref);
      else bgp.set(gateway.pool.cidr, { cidr: gateway.pool.cidr, targets: [ref], kind: 'bgp', decidedBy: refs.propagationRef(table.name, ref), note: `the /32s of egress gateway ${gateway.name}` });
    }
  }
  return [...routes, ...bgp.values()];
}

/**
 * The TGW routing plan and each table's routes depend on the model only: computed once per model (not
 * once per flow, which made the path checks quadratic in the number of peering nodes).
 */
interface TgwRouting {
  tables: { table: TgwRouteTablePlan; routes: Route[] }[];
}
const routingByModel = new WeakMap<Topology, TgwRouting>();
function tgwRouting(model: Topology): TgwRouting {
  let routing = routingByModel.get(model);
  if (!routing) {
    const plan = tgwRoutingPlan(model);
    routing = { tables: [plan.inspection, plan.firewall].map((table) => ({ table, routes: tableRoutes(model, table) })) };
    routingByModel.set(model, routing);
  }
  return routing;
}

/** Longest prefix match for a range (every address of `cidr`); a static route wins over a propagated one of equal length. */
function lookup(routes: readonly Route[], cidr: Ipv4Cidr): Route | undefined {
  const matching = routes.filter((r) => covers(r.cidr, cidr));
  matching.sort((a, b) => prefixLength(b.cidr) - prefixLength(a.cidr) || (a.kind === 'static' ? -1 : 0) - (b.kind === 'static' ? -1 : 0));
  return matching[0];
}

const describeAttachment = (ref: AttachmentRef): string => (ref.kind === 'vpc' ? `the attachment of VPC ${ref.vpc}` : `Connect attachment ${ref.attachment.name}`);

function ruleMatches(rule: FirewallRule, sourceCidr: Ipv4Cidr, destination: Ipv4Address, port: number, protocol: 'tcp' | 'udp'): boolean {
  if (rule.protocol !== 'ip' && rule.protocol !== protocol) return false;
  if (rule.sources !== 'any' && !rule.sources.some((s) => covers(s, sourceCidr))) return false;
  if (!rule.destinations.some((d) => addressIn(d, destination))) return false;
  return rule.ports === 'any' || rule.ports.includes(port);
}

/** The stateful engine in STRICT_ORDER: the first matching rule decides; else the policy's default actions. */
export function firewallDecision(model: Topology, sourceCidr: Ipv4Cidr, destination: Ipv4Address, port: number, protocol: 'tcp' | 'udp'): { pass: boolean; rule?: FirewallRule; text: string; decidedBy: ArtifactRef } {
  const rule = model.firewall.rules.find((r) => ruleMatches(r, sourceCidr, destination, port, protocol));
  if (rule) {
    return { pass: rule.action === 'pass', rule, text: `${rule.action} by sid ${rule.sid} (${rule.key}): ${rule.message}`, decidedBy: refs.firewallRuleRef(model, rule) };
  }
  const actions = statefulDefaultActions(model.firewall);
  const drop = actions.some((a) => a.startsWith('aws:drop'));
  return {
    pass: !drop,
    text: `no rule matches; stateful default action ${actions.length ? actions.join(', ') : 'none (pass)'}${drop ? ' drops it' : ' lets it through'}`,
    decidedBy: refs.firewallPolicyRef(model),
  };
}

interface Walk {
  hops: Hop[];
  /** AZ of the firewall endpoint crossed, if any */
  inspectedIn?: string;
  end: { kind: 'delivered'; to: AttachmentRef | 'local'; vpc?: Vpc } | { kind: 'dropped'; verdict: Verdict } | { kind: 'no-route'; at: string };
}

/**
 * From a spoke VPC through the TGW (and the firewall, where the tables send it) to the attachment that
 * delivers `destination`. `sourceCidr` is the packet's source range; the firewall is evaluated only in
 * the forward direction (replies of a passed connection belong to its flow).
 */
function walkAws(
  model: Topology,
  direction: Direction,
  start: Vpc,
  sourceCidr: Ipv4Cidr,
  destinationCidr: Ipv4Cidr,
  flow: { destination: Ipv4Address; port: number; protocol: 'tcp' | 'udp' },
  zoneHint: string | undefined,
  forwardZone: string | undefined,
  ingress?: AttachmentRef,
  depth = 0,
): Walk {
  const hops: Hop[] = [];
  const hop = (at: string, decision: string, decidedBy?: ArtifactRef): void => {
    hops.push({ direction, at, decision, ...(decidedBy ? { decidedBy } : {}) });
  };
  if (covers(start.cidr, destinationCidr)) {
    hop(`VPC ${start.name}`, `${destinationCidr} is inside the VPC (${start.cidr}): the local route delivers it without the Transit Gateway`);
    return { hops, end: { kind: 'delivered', to: 'local', vpc: start } };
  }
  let attachment = ingress;
  if (!attachment) {
    if (start.role === 'inspection') {
      hop(`VPC ${start.name}`, 'traffic from inside the inspection VPC is not modelled');
      return { hops, end: { kind: 'no-route', at: `VPC ${start.name}` } };
    }
    const destinations = spokeDestinations(model, start);
    const match = destinations.filter((cidr) => covers(cidr, destinationCidr)).sort((a, b) => prefixLength(b) - prefixLength(a))[0];
    const tables = start.routeTables.map((t) => t.name).join(', ');
    const at = `route table${start.routeTables.length > 1 ? 's' : ''} ${tables} of VPC ${start.name}`;
    if (!match) {
      hop(at, `no route covers ${destinationCidr}: egressc routes only ${destinations.join(', ') || 'nothing'} to the TGW here (routesViaTransitGateway)`);
      return { hops, end: { kind: 'no-route', at } };
    }
    hop(at, `${match} → Transit Gateway`, refs.vpcRouteRef(start.name, start.routeTables[0]?.name ?? '', match));
    attachment = { kind: 'vpc', vpc: start.name };
  }
  {
    const found = tgwRouting(model).tables.find((t) => t.table.associations.some((a) => sameAttachment(a, attachment!)));
    const table = found?.table;
    if (!found || !table) {
      hop(`TGW, from ${describeAttachment(attachment)}`, 'the attachment is associated with no route table');
      return { hops, end: { kind: 'no-route', at: `TGW (${describeAttachment(attachment)})` } };
    }
    hop(`TGW, from ${describeAttachment(attachment)}`, `looked up in route table ${table.name}`, refs.associationRef(attachment));
    const route = lookup(found.routes, destinationCidr);
    if (!route) {
      hop(`TGW route table ${table.name}`, `no route covers ${destinationCidr}`);
      return { hops, end: { kind: 'no-route', at: `TGW route table ${table.name}` } };
    }
    const targets = route.targets.map(describeAttachment).join(' and ');
    hop(
      `TGW route table ${table.name}`,
      `${route.cidr} (${route.kind}${route.note ? `: ${route.note}` : ''}) → ${targets}${route.targets.length > 1 ? ' (ECMP)' : ''}`,
      route.decidedBy,
    );
    const target = route.targets[0]!;
    if (target.kind === 'vpc' && target.vpc === model.firewall.vpc) {
      const inspection = model.vpcs.find((v) => v.name === model.firewall.vpc);
      if (!inspection || inspection.role !== 'inspection' || inspection.zones.length === 0) {
        return { hops, end: { kind: 'no-route', at: `inspection VPC ${model.firewall.vpc}` } };
      }
      const zones = inspection.zones.map((z) => z.availabilityZone);
      // appliance mode: the TGW keeps both directions of a flow in one AZ; which one is a hash, shown as the source's
      const zone = forwardZone ?? (zoneHint && zones.includes(zoneHint) ? zoneHint : zones[0]!);
      hop(
        `inspection VPC ${inspection.name}, TGW subnet in ${zone}`,
        `0.0.0.0/0 → firewall endpoint in ${zone} (appliance mode keeps both directions of the flow in one AZ${forwardZone ? ', the forward one' : ''})`,
        refs.inspectionRouteRef(inspection.name, zone, 'tgw_subnet', '0.0.0.0/0'),
      );
      if (direction === 'forward') {
        const decision = firewallDecision(model, sourceCidr, flow.destination, flow.port, flow.protocol);
        hop(`firewall ${model.firewall.name} (${zone})`, decision.text, decision.decidedBy);
        if (!decision.pass) {
          const verdict: Verdict = decision.rule
            ? { kind: 'dropped', by: `sid ${decision.rule.sid}`, sid: decision.rule.sid, rule: decision.rule.key }
            : { kind: 'dropped', by: `default action ${statefulDefaultActions(model.firewall).join(', ')}` };
          return { hops, inspectedIn: zone, end: { kind: 'dropped', verdict } };
        }
      } else {
        hop(`firewall ${model.firewall.name} (${zone})`, 'reply of the inspected connection: passes with its flow');
      }
      hop(`inspection VPC ${inspection.name}, firewall subnet in ${zone}`, '0.0.0.0/0 → Transit Gateway', refs.inspectionRouteRef(inspection.name, zone, 'firewall_subnet', '0.0.0.0/0'));
      if (depth > 0) return { hops, end: { kind: 'no-route', at: `TGW route table ${table.name} (routing loop through the firewall)` } };
      const rest = walkAws(model, direction, inspection, sourceCidr, destinationCidr, flow, zoneHint, zone, target, depth + 1);
      return { hops: [...hops, ...rest.hops], inspectedIn: zone, end: rest.end };
    }
    if (target.kind === 'vpc') {
      const vpc = model.vpcs.find((v) => v.name === target.vpc);
      if (!vpc || !covers(vpc.cidr, destinationCidr)) {
        hop(`VPC ${target.vpc}`, `${destinationCidr} is not inside the VPC`);
        return { hops, end: { kind: 'no-route', at: `VPC ${target.vpc}` } };
      }
      return { hops, end: { kind: 'delivered', to: target, vpc } };
    }
    return { hops, end: { kind: 'delivered', to: target } };
  }
}

/** Trace one flow from an origin to one destination address. */
export function traceFromOrigin(model: Topology, origin: Origin, target: { address: Ipv4Address; port: number; protocol: 'tcp' | 'udp'; service?: string }): FlowTrace {
  const flow = { destination: target.address, port: target.port, protocol: target.protocol };
  const hops: Hop[] = [...origin.hops];
  const base = {
    sourceCidr: origin.sourceCidr,
    ...(origin.gateway && origin.cluster ? { gateway: { cluster: origin.cluster.name, name: origin.gateway.name } } : {}),
    destination: target.address,
    port: target.port,
    protocol: target.protocol,
    ...(target.service ? { service: target.service } : {}),
  };
  const advertised = origin.gateway && origin.cluster ? advertisement(origin.cluster, origin.gateway) : undefined;
  const extras = { dependsOnUndocumented: false, relayed: false };
  const finish = (verdict: Verdict, inspected: FlowTrace['inspected']): FlowTrace => ({ ...base, hops, verdict, inspected, ...extras });

  // with importFromTransitGateway the node learned the destination over BGP: the packet takes the GRE tunnel
  const imported = origin.cluster?.importFromTransitGateway.find((cidr) => addressIn(cidr, target.address));
  let ingress: AttachmentRef | undefined;
  if (imported && origin.cluster) {
    const attachment = origin.cluster.connectAttachments.find((a) => !origin.node || a.name === origin.node.connectPeer.attachment);
    if (attachment) {
      ingress = { kind: 'connect', attachment };
      hops.push({ direction: 'forward', at: `cluster ${origin.cluster.name}`, decision: `${imported} is imported from the TGW: the node sends it into its GRE tunnel`, decidedBy: refs.bgpFilterRef(model, origin.cluster) });
    }
  }
  const forward = walkAws(model, 'forward', origin.vpc, origin.sourceCidr, host(target.address), flow, origin.zone, undefined, ingress);
  hops.push(...forward.hops);
  if (forward.end.kind === 'no-route') return finish({ kind: 'no-route', direction: 'forward', at: forward.end.at }, {});
  if (forward.end.kind === 'dropped') return finish(forward.end.verdict, { forward: forward.inspectedIn });
  const destinationVpc = forward.end.vpc;
  hops.push({
    direction: 'forward',
    at: destinationVpc ? `VPC ${destinationVpc.name}` : describeAttachment(forward.end.to as AttachmentRef),
    decision: `delivered to ${target.service ? `service ${target.service} at ` : ''}${target.address}:${target.port}/${target.protocol}`,
    ...(destinationVpc && forward.end.to !== 'local' ? { decidedBy: refs.vpcAttachmentRef(destinationVpc.name) } : {}),
  });
  if (!destinationVpc) return finish({ kind: 'allowed' }, { forward: forward.inspectedIn });

  // the reply: from the destination back to the source range
  const back = walkAws(model, 'return', destinationVpc, host(target.address), origin.sourceCidr, flow, origin.zone, forward.inspectedIn);
  hops.push(...back.hops);
  const inspected = { forward: forward.inspectedIn, return: back.inspectedIn };
  if (back.end.kind === 'no-route') return finish({ kind: 'no-route', direction: 'return', at: back.end.at }, inspected);
  if (back.end.kind === 'dropped') return finish(back.end.verdict, inspected);
  const to = back.end.to;
  if (to !== 'local' && to.kind === 'connect' && origin.cluster) {
    const cluster = origin.cluster;
    const peers = cluster.nodes.filter((n) => n.connectPeer.attachment === to.attachment.name && (advertised?.advertisers ?? []).includes(n));
    hops.push({
      direction: 'return',
      at: `Connect attachment ${to.attachment.name}`,
      decision: `GRE to ${advertised?.hostingPeerOnly ? 'the peer hosting the gateway, one of' : 'the advertising peers'} ${peers.map((n) => n.name).join(', ')}${advertised ? `: ${advertised.description}` : ''}`,
      // with advertiseGatewayRoutes hostingNode the TGW peers' BGPFilter decides who advertises; else the peers do
      decidedBy: cluster.advertiseGatewayRoutes === 'hostingNode' ? refs.bgpFilterRef(model, cluster) : refs.bgpPeersRef(cluster, peers),
    });
    if (advertised) {
      extras.dependsOnUndocumented = advertised.dependsOnUndocumented;
      extras.relayed = advertised.relayed;
    }
  }
  hops.push({ direction: 'return', at: origin.gateway ? `egress gateway ${origin.gateway.namespace}/${origin.gateway.name}` : 'source', decision: `reply delivered to ${origin.sourceCidr}` });
  if ((forward.inspectedIn === undefined) !== (back.inspectedIn === undefined)) {
    return finish({ kind: 'asymmetric', reason: `the firewall sees only the ${forward.inspectedIn ? 'request' : 'reply'}` }, inspected);
  }
  if (forward.inspectedIn !== back.inspectedIn) {
    return finish({ kind: 'asymmetric', reason: `request inspected in ${forward.inspectedIn ?? ''}, reply in ${back.inspectedIn ?? ''}` }, inspected);
  }
  return finish({ kind: 'allowed' }, inspected);
}

export type TraceResult = { ok: true; traces: FlowTrace[] } | { ok: false; error: string };

/** Trace a source to every address of a target (a service may have several). */
export function trace(model: Topology, source: SourceRef, target: ResolvedTarget): TraceResult {
  const traces: FlowTrace[] = [];
  for (const address of target.addresses) {
    const origin = resolveOrigin(model, source, address);
    if (!origin.ok) return origin;
    traces.push(traceFromOrigin(model, origin.origin, { address, port: target.port, protocol: target.protocol, ...(target.service ? { service: target.service.name } : {}) }));
  }
  return { ok: true, traces };
}

/** What a trace decides, without its hops: all that the model checks and `diff` look at. */
export type FlowOutcome = Omit<FlowTrace, 'hops'>;

type Decision = Pick<FlowTrace, 'verdict' | 'inspected' | 'dependsOnUndocumented' | 'relayed'>;

export type OutcomeResult = { ok: true; traces: FlowOutcome[] } | { ok: false; error: string };

/**
 * Every range a trace compares a flow's source range with: the firewall rules' sources (forward) and, on
 * the way back, where the source range is the destination, the VPC CIDRs, what the spoke VPCs route to
 * the TGW and the TGW's routes. Keep in step with walkAws and firewallDecision: a new comparison of the
 * source range belongs here (test/paths/trace.test.ts holds the outcomes to the full traces).
 */
function sourceComparisons(model: Topology): Ipv4Network[] {
  const cidrs = new Set<Ipv4Cidr>();
  for (const rule of model.firewall.rules) if (rule.sources !== 'any') for (const cidr of rule.sources) cidrs.add(cidr);
  for (const vpc of model.vpcs) {
    cidrs.add(vpc.cidr);
    if (vpc.role !== 'inspection') for (const cidr of spokeDestinations(model, vpc)) cidrs.add(cidr);
  }
  for (const { routes } of tgwRouting(model).tables) for (const route of routes) cidrs.add(route.cidr);
  return [...cidrs].flatMap((cidr) => parseCidr(cidr) ?? []);
}

/**
 * Traces named flows to their outcomes. A trace depends on its origin's cluster, gateway, VPC, zone and
 * Connect attachment, on which of the compared ranges (sourceComparisons) hold its source range, and on
 * the destination: flows alike in all of these are decided once. At 5,000 peering nodes that is one
 * trace per zone and service instead of one per node, and no node's hops are built: what a flow's
 * trace says hop by hop is for `egressc trace` and the expectations, which call trace().
 */
export function outcomeTracer(model: Topology): (source: SourceRef, target: ResolvedTarget) => OutcomeResult {
  const comparisons = sourceComparisons(model);
  /** per origin class: per target (the caller's object, which fixes port, protocol and service), address and Connect attachment */
  type Decisions = Map<ResolvedTarget, Map<Ipv4Address, Map<string, Decision>>>;
  const classes = new Map<string, Decisions>();
  const importedByCluster = new Map<Cluster, Map<Ipv4Address, boolean>>();
  const imports = (cluster: Cluster, destination: Ipv4Address): boolean => {
    let known = importedByCluster.get(cluster);
    if (!known) importedByCluster.set(cluster, (known = new Map()));
    let imported = known.get(destination);
    if (imported === undefined) known.set(destination, (imported = cluster.importFromTransitGateway.some((cidr) => addressIn(cidr, destination))));
    return imported;
  };
  /** Everything of an origin its flows' decisions depend on, but the destination. */
  const decisionsOf = (origin: Origin): Decisions => {
    const source = parseCidr(origin.sourceCidr);
    let inside = '';
    for (const range of comparisons) inside += source !== undefined && containsNetwork(range, source) ? '1' : '0';
    const key = `${origin.cluster?.name ?? ''}\u0000${origin.gateway?.name ?? ''}\u0000${origin.vpc.name}\u0000${origin.zone ?? ''}\u0000${inside}`;
    let decisions = classes.get(key);
    if (!decisions) classes.set(key, (decisions = new Map()));
    return decisions;
  };
  // Only a pod's origin depends on the destination (an EgressGatewayPolicy routes by destination): a
  // node's or an address's is resolved once, not once per service.
  let last: { source: SourceRef; resolved: OriginResult; decisions?: Decisions } | undefined;
  const originOf = (source: SourceRef, address: Ipv4Address): { resolved: OriginResult; decisions?: Decisions } => {
    if (last?.source === source && source.kind !== 'namespace' && source.kind !== 'workload') return last;
    const resolved = resolveOrigin(model, source, address);
    last = { source, resolved, ...(resolved.ok ? { decisions: decisionsOf(resolved.origin) } : {}) };
    return last;
  };
  return (source, target) => {
    const traces: FlowOutcome[] = [];
    for (const address of target.addresses) {
      const { resolved, decisions } = originOf(source, address);
      if (!resolved.ok) return resolved;
      const { origin } = resolved;
      const service = target.service?.name;
      // a node's Connect attachment matters only to a destination its cluster imports from the TGW (the
      // GRE tunnel it enters): a Connect attachment holds 4 peers, so 5,000 nodes have 1,250 of them
      const attachment = origin.cluster !== undefined && imports(origin.cluster, address) ? (origin.node?.connectPeer.attachment ?? '') : '';
      let byAddress = decisions!.get(target);
      if (!byAddress) decisions!.set(target, (byAddress = new Map()));
      let byAttachment = byAddress.get(address);
      if (!byAttachment) byAddress.set(address, (byAttachment = new Map()));
      let decision = byAttachment.get(attachment);
      if (!decision) {
        const full = traceFromOrigin(model, origin, { address, port: target.port, protocol: target.protocol, ...(service !== undefined ? { service } : {}) });
        decision = { verdict: full.verdict, inspected: full.inspected, dependsOnUndocumented: full.dependsOnUndocumented, relayed: full.relayed };
        byAttachment.set(attachment, decision);
      }
      // built property by property (in FlowTrace's order): object spreads cost more than the rest at 50,000 flows
      const outcome = { sourceCidr: origin.sourceCidr } as FlowOutcome;
      if (origin.gateway && origin.cluster) outcome.gateway = { cluster: origin.cluster.name, name: origin.gateway.name };
      outcome.destination = address;
      outcome.port = target.port;
      outcome.protocol = target.protocol;
      if (service !== undefined) outcome.service = service;
      outcome.verdict = decision.verdict;
      outcome.inspected = decision.inspected;
      outcome.dependsOnUndocumented = decision.dependsOnUndocumented;
      outcome.relayed = decision.relayed;
      traces.push(outcome);
    }
    return { ok: true, traces };
  };
}

export function verdictText(verdict: Verdict): string {
  switch (verdict.kind) {
    case 'allowed':
      return 'allowed';
    case 'dropped':
      return `dropped by ${verdict.by}`;
    case 'no-route':
      return `no route (${verdict.direction}) at ${verdict.at}`;
    case 'asymmetric':
      return `asymmetric: ${verdict.reason}`;
  }
}

/** One verdict for several addresses of a service: the same for all, or each listed. */
export function combinedVerdict(traces: readonly Pick<FlowTrace, 'verdict' | 'destination'>[]): string {
  // the common case, once per named flow: one address
  if (traces.length === 1) return verdictText(traces[0]!.verdict);
  const texts = [...new Set(traces.map((t) => verdictText(t.verdict)))];
  return texts.length === 1 ? texts[0]! : traces.map((t) => `${t.destination}: ${verdictText(t.verdict)}`).join('; ');
}
