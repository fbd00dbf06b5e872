// A hand-built resolved model for the firewall tests: the parts the firewall emitter reads come from a
// fixture's spec through the real rule planner; sids are numbered here as the allocator does for a
// fresh lock (lowest free sid from 1000001, owners in key order; the allocator owns them in the real
// pipeline). Gateways and services go through the real spec resolvers (what they resolve is tested in
// test/allocate); everything else is a minimal placeholder from the shared model builder.
import { join } from 'node:path';
import { planFirewallRules } from '../../src/model/firewall-rules.js';
import { resolveEgressGateways, resolveServices } from '../../src/allocate/resolve-model.js';
import { loadSpec } from '../../src/compile.js';
import type { FirewallRule, Topology } from '../../src/model/types.js';
import type { Spec } from '../../src/spec/schema.js';
import { FIXTURES, readSource } from '../support/fixtures.js';
import { cluster, firewall, topology } from '../support/model-builder.js';

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
  const fw = spec.spec.firewall;
  return topology({
    name: spec.metadata.name,
    aws: { region: spec.spec.aws.region, availabilityZones: spec.spec.aws.availabilityZones },
    transitGateway: {
      name: spec.spec.transitGateway.name,
      amazonSideAsn: spec.spec.transitGateway.amazonSideAsn,
      cidrBlocks: spec.spec.transitGateway.cidrBlocks,
      insideCidrPool: spec.spec.transitGateway.insideCidrPool,
      routeTables: spec.spec.transitGateway.routeTables,
    },
    // Placeholder clusters (no peering nodes): the firewall reads only their gateways.
    clusters: spec.spec.clusters.map((c) =>
      cluster({
        name: c.name,
        vpc: c.vpc,
        asNumber: c.asNumber,
        nodeToNodeMesh: c.nodeToNodeMesh,
        encapsulation: c.encapsulation,
        strategy: 'interfaceRoute',
        nodes: [],
        egressGateways: resolveEgressGateways(c),
        connectAttachments: [],
      }),
    ),
    services: resolveServices(spec),
    firewall: firewall({
      name: fw.name,
      vpc: fw.vpc,
      ruleGroup: { name: fw.ruleGroup.name, capacity: fw.ruleGroup.capacity ?? 100 },
      ruleOrder: fw.ruleOrder,
      defaultAction: fw.defaultAction,
      homeNet,
      rules,
      protectedServices: fw.protect,
    }),
  });
}

export const fixtureModel = (name: string): Topology => modelFromSpec(loadFixtureSpec(name));
