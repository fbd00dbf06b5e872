// A hand-built resolved model for the firewall tests: the parts the firewall emitter reads come from a
// fixture's spec through the real rule planner; sids are numbered here as the allocator does for a
// fresh lock (lowest free sid from 1000001, owners in key order; the allocator owns them in the real
// pipeline). Everything else is a minimal placeholder.
import { join } from 'node:path';
import { planFirewallRules } from '../../src/allocate/firewall-rules.js';
import { loadSpec } from '../../src/compile.js';
import type { FirewallRule, Topology } from '../../src/model/types.js';
import type { Spec } from '../../src/spec/schema.js';
import { FIXTURES, readSource } from '../support/fixtures.js';

export const FIRST_SID = 1_000_001;

export function loadFixtureSpec(name: string): Spec {
  const loaded = loadSpec(readSource(join(FIXTURES, name, 'topology.yaml')));
  if (!loaded.spec) throw new Error(`fixture ${name} does not load: ${JSON.stringify(loaded.diagnostics)}`);
  return loaded.spec;
}

export function modelFromSpec(spec: Spec): Topology {
  const planned = planFirewallRules(spec);
  const keyOrder = planned.map((r) => r.key).sort();
  const rules: FirewallRule[] = planned.map((rule) => ({ ...rule, sid: FIRST_SID + keyOrder.indexOf(rule.key), rev: 1 }));
  const pools = spec.spec.clusters.flatMap((c) => c.egressGateways.map((g) => g.ipPool.cidr));
  const homeNet = [...new Set([...spec.spec.vpcs.map((v) => v.cidr), ...pools])].sort();
  const { firewall } = spec.spec;
  return {
    name: spec.metadata.name,
    aws: { region: spec.spec.aws.region, availabilityZones: spec.spec.aws.availabilityZones },
    transitGateway: {
      name: spec.spec.transitGateway.name,
      amazonSideAsn: spec.spec.transitGateway.amazonSideAsn,
      cidrBlocks: spec.spec.transitGateway.cidrBlocks,
      insideCidrPool: spec.spec.transitGateway.insideCidrPool,
      routeTables: spec.spec.transitGateway.routeTables,
    },
    vpcs: [],
    clusters: spec.spec.clusters.map((cluster) => ({
      name: cluster.name,
      vpc: cluster.vpc,
      calico: { edition: 'enterprise', major: 3, minor: 22, text: '3.22' },
      asNumber: cluster.asNumber,
      nodeToNodeMesh: cluster.nodeToNodeMesh,
      encapsulation: cluster.encapsulation,
      importFromTransitGateway: [],
      multihop: { strategy: 'interfaceRoute', templates: [] },
      nodes: [],
      connectAttachments: [],
      egressGateways: cluster.egressGateways.map((g) => ({
        name: g.name,
        cluster: cluster.name,
        namespace: g.namespace,
        replicas: g.replicas,
        pool: { name: g.ipPool.name ?? g.name, cidr: g.ipPool.cidr },
        nodeSelector: Object.entries(g.nodeSelector).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        clients: g.clients,
      })),
    })),
    services: spec.spec.services.map((s) => ({ name: s.name, vpc: s.vpc, addresses: s.addresses, ports: s.ports })),
    firewall: {
      name: firewall.name,
      vpc: firewall.vpc,
      ruleGroup: { name: firewall.ruleGroup.name, capacity: firewall.ruleGroup.capacity ?? 100 },
      ruleOrder: firewall.ruleOrder,
      defaultAction: firewall.defaultAction,
      homeNet,
      rules,
      protectedServices: firewall.protect,
      logging: {},
    },
  };
}

export const fixtureModel = (name: string): Topology => modelFromSpec(loadFixtureSpec(name));
