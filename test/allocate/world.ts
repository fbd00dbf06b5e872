// Random topologies for the allocator's property tests. A World is a compact description of a spec;
// toSpec turns it into a real (schema-parsed) spec, and the mutators edit it the way a user would.
import fc from 'fast-check';
import type { Locator } from '../../src/load/load-yaml.js';
import { allocate } from '../../src/allocate/allocate.js';
import { checkAllocationChanges } from '../../src/check/allocation-changes.js';
import { checkSpec } from '../../src/check/check-spec.js';
import { collector } from '../../src/check/context.js';
import { hasErrors } from '../../src/diagnostics/types.js';
import { emptyLock, type Lock } from '../../src/allocate/lock.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import type { Topology } from '../../src/model/types.js';
import { specSchema, type Spec, type SpecInput } from '../../src/spec/schema.js';

export interface WorldNode {
  name: string;
  /** last octet of the node's address; the rest comes from the cluster VPC and the node name */
  host: number;
  az: string;
  mtu: number;
  pinInside?: string;
  pinGre?: string;
}

export interface WorldGateway {
  name: string;
  cidr: string;
  selector: Record<string, string>;
}

export interface WorldCluster {
  name: string;
  nodes: WorldNode[];
  gateways: WorldGateway[];
}

export interface WorldService {
  name: string;
  addresses: string[];
  ports: { port: number; protocol: 'tcp' | 'udp' }[];
}

export interface WorldAllow {
  name: string;
  from: string[];
  to: string[];
}

export interface World {
  tgwName: string;
  pool: string;
  blocks: string[];
  clusters: WorldCluster[];
  services: WorldService[];
  allows: WorldAllow[];
  protect: string[];
  capacity?: number;
}

export const AZS = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
/** Pools with different shapes: the whole range, a sub-range, small pools holding reserved /29s. */
export const POOLS = ['169.254.0.0/16', '169.254.100.0/22', '169.254.0.0/26', '169.254.169.192/26', '169.254.8.0/24'];
export const BLOCKS = ['192.0.2.0/24', '198.18.0.0/24', '203.0.113.0/24', '198.19.4.0/23'];
const NODE_NAMES = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima'];
const CLUSTER_NAMES = ['prod', 'stage', 'batch'];
const SERVICE_NAMES = ['db', 'api', 'queue', 'cache'];

/** Every /29 base address of a pool, as text, reserved ones included (the allocator must skip those). */
export function poolSlash29s(pool: string): string[] {
  const [address, prefix] = pool.split('/') as [string, string];
  const octets = address.split('.').map(Number);
  const base = octets.reduce((acc, o) => acc * 256 + o, 0);
  const count = 2 ** (29 - Number(prefix));
  return Array.from({ length: count }, (_, i) => {
    const v = base + i * 8;
    return `${[v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.')}/29`;
  });
}

const RESERVED = new Set(['169.254.0.0/29', '169.254.1.0/29', '169.254.2.0/29', '169.254.3.0/29', '169.254.4.0/29', '169.254.5.0/29', '169.254.169.248/29']);
export const usableSlash29s = (pool: string): string[] => poolSlash29s(pool).filter((c) => !RESERVED.has(c));

// Hosts from .4: x.y.0.1-3 of a VPC are AWS's (vpc-reserved-address), and node or service addresses there are refused.
const nodeArb = (name: string): fc.Arbitrary<WorldNode> =>
  fc.record({ host: fc.integer({ min: 4, max: 254 }), az: fc.constantFrom(...AZS), mtu: fc.constantFrom(1500, 9001, 1400, 8500) }).map((n) => ({ name, ...n }));

const nodesArb = (prefix = ''): fc.Arbitrary<WorldNode[]> =>
  fc
    .shuffledSubarray(NODE_NAMES, { minLength: 1, maxLength: 9 })
    .chain((names) => fc.tuple(...names.map((n) => nodeArb(`${prefix}${n}`))));

const servicesArb: fc.Arbitrary<WorldService[]> = fc.shuffledSubarray(SERVICE_NAMES, { minLength: 1, maxLength: 4 }).chain((names) =>
  fc.tuple(
    ...names.map((name, i) =>
      fc
        .record({
          hosts: fc.uniqueArray(fc.integer({ min: 4, max: 250 }), { minLength: 1, maxLength: 3 }),
          ports: fc.uniqueArray(fc.record({ port: fc.integer({ min: 1, max: 65535 }), protocol: fc.constantFrom('tcp' as const, 'udp' as const) }), {
            minLength: 1,
            maxLength: 3,
            selector: (p) => `${p.port}/${p.protocol}`,
          }),
        })
        .map(({ hosts, ports }) => ({ name, addresses: hosts.map((h) => `10.200.${i}.${h}`), ports })),
    ),
  ),
);

export const worldArb: fc.Arbitrary<World> = fc
  .record({
    tgwName: fc.constantFrom('hub', 'central', 'a-very-long-transit-gateway-name'),
    pool: fc.constantFrom(...POOLS),
    blocks: fc.shuffledSubarray(BLOCKS, { minLength: 1, maxLength: 3 }),
    clusterNames: fc.shuffledSubarray(CLUSTER_NAMES, { minLength: 1, maxLength: 3 }),
    services: servicesArb,
    capacity: fc.option(fc.integer({ min: 5, max: 400 }), { nil: undefined }),
  })
  .chain(({ clusterNames, ...rest }) =>
    fc
      .tuple(
        ...clusterNames.map((name, ci) =>
          fc.record({ nodes: nodesArb(), gatewayCount: fc.integer({ min: 0, max: 3 }) }).map(({ nodes, gatewayCount }) => ({
            name,
            nodes,
            gateways: Array.from({ length: gatewayCount }, (_, gi) => ({ name: `egw-${name}-${gi}`, cidr: `100.64.${ci * 16 + gi}.0/28`, selector: gi % 2 === 0 ? { zone: 'a', role: 'egress' } : ({} as Record<string, string>) })),
          })),
        ),
      )
      .map((clusters) => ({ ...rest, clusters })),
  )
  .chain((world) => {
    const gateways = world.clusters.flatMap((c) => c.gateways.map((g) => g.name));
    const services = world.services.map((s) => s.name);
    const allowsArb =
      gateways.length === 0
        ? fc.constant([] as WorldAllow[])
        : fc.uniqueArray(
            fc.record({
              name: fc.constantFrom('allow-a', 'allow-b', 'allow-c', 'allow-d'),
              from: fc.shuffledSubarray(gateways, { minLength: 1 }),
              to: fc.shuffledSubarray(services, { minLength: 1 }),
            }),
            { maxLength: 4, selector: (a) => a.name },
          );
    return fc.record({ allows: allowsArb, protect: fc.shuffledSubarray(services), pins: pinsArb(world) }).map(({ allows, protect, pins }) => applyPins({ ...world, allows, protect }, pins));
  });

interface PinChoice {
  inside?: number;
  gre?: number;
}

function pinsArb(world: Omit<World, 'allows' | 'protect'>): fc.Arbitrary<PinChoice[]> {
  const count = world.clusters.reduce((n, c) => n + c.nodes.length, 0);
  const choice = fc.record({ inside: fc.option(fc.nat(), { nil: undefined }), gre: fc.option(fc.nat(), { nil: undefined }) }, { requiredKeys: [] });
  return fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: choice }), { minLength: count, maxLength: count });
}

/** Pins taken from the pool and the blocks; a pin that would collide with an earlier one is dropped. */
function applyPins(world: World, pins: readonly PinChoice[]): World {
  const usable = usableSlash29s(world.pool);
  const greChoices = world.blocks.flatMap((b) => Array.from({ length: 20 }, (_, i) => `${b.split('.').slice(0, 3).join('.')}.${100 + i}`));
  const takenInside = new Set<string>();
  const takenGre = new Set<string>();
  let index = 0;
  const clusters = world.clusters.map((cluster) => ({
    ...cluster,
    nodes: cluster.nodes.map((node) => {
      const pin = pins[index++] ?? {};
      const result: WorldNode = { ...node };
      if (pin.inside !== undefined) {
        const cidr = usable[pin.inside % usable.length]!;
        if (!takenInside.has(cidr)) {
          takenInside.add(cidr);
          result.pinInside = cidr;
        }
      }
      if (pin.gre !== undefined) {
        const address = greChoices[pin.gre % greChoices.length]!;
        if (!takenGre.has(address)) {
          takenGre.add(address);
          result.pinGre = address;
        }
      }
      return result;
    }),
  }));
  return { ...world, clusters };
}

/** Unique per cluster: the third octet comes from the node's name. */
export function nodeAddress(cluster: string, node: WorldNode): string {
  const known = NODE_NAMES.indexOf(node.name);
  const third = known >= 0 ? known : 100 + Number(node.name.replace(/^new-/, ''));
  return `10.${10 + CLUSTER_NAMES.indexOf(cluster)}.${third}.${node.host}`;
}

export function toSpecInput(world: World): SpecInput {
  return {
    apiVersion: 'egressc/v1alpha1',
    kind: 'EgressTopology',
    metadata: { name: 'world' },
    spec: {
      aws: { region: 'eu-west-1', availabilityZones: AZS },
      transitGateway: { name: world.tgwName, cidrBlocks: world.blocks, insideCidrPool: world.pool },
      vpcs: [
        ...world.clusters.map((c) => ({
          name: `vpc-${c.name}`,
          role: 'cluster' as const,
          cidr: `10.${10 + CLUSTER_NAMES.indexOf(c.name)}.0.0/16`,
          attachmentSubnets: AZS.map((availabilityZone) => ({ availabilityZone })),
          routeTables: [{ name: 'rt' }, { name: 'rt-private' }],
          routesViaTransitGateway: ['vpc-services', '0.0.0.0/0', '10.100.0.0/16'],
        })),
        {
          name: 'vpc-services',
          role: 'destination' as const,
          cidr: '10.200.0.0/16',
          attachmentSubnets: [{ availabilityZone: AZS[0]! }, { availabilityZone: AZS[1]! }],
          routeTables: [{ name: 'rt' }, { name: 'rt-db' }],
        },
        {
          name: 'vpc-inspection',
          role: 'inspection' as const,
          cidr: '10.100.0.0/16',
          zones: [AZS[0]!, AZS[1]!].map((availabilityZone) => ({ availabilityZone, transitGatewaySubnet: {}, firewallSubnet: {} })),
        },
      ],
      clusters: world.clusters.map((c) => ({
        name: c.name,
        vpc: `vpc-${c.name}`,
        calico: { edition: 'enterprise' as const, version: '3.22.1' },
        asNumber: 65000 + CLUSTER_NAMES.indexOf(c.name),
        multihop: { strategy: 'interfaceRoute' as const },
        importFromTransitGateway: ['10.200.0.0/16', '10.100.0.0/16'],
        peeringNodes: c.nodes.map((n) => ({
          name: n.name,
          vpcIp: nodeAddress(c.name, n),
          availabilityZone: n.az,
          eniMtu: n.mtu,
          ...(n.pinInside !== undefined || n.pinGre !== undefined
            ? { pin: { ...(n.pinInside !== undefined ? { insideCidr: n.pinInside } : {}), ...(n.pinGre !== undefined ? { tgwGreAddress: n.pinGre } : {}) } }
            : {}),
        })),
        egressGateways: c.gateways.map((g) => ({ name: g.name, namespace: 'egress', ipPool: { cidr: g.cidr }, nodeSelector: g.selector, clients: {
            namespaces: [`clients-of-${g.name}`, `more-of-${g.name}`],
            workloads: [
              { namespace: 'apps', kind: 'Deployment' as const, name: `web-${g.name}` },
              { namespace: 'apps', kind: 'StatefulSet' as const, name: `web-${g.name}` },
            ],
          },
        })),
      })),
      services: world.services.map((s) => ({ name: s.name, vpc: 'vpc-services', addresses: s.addresses, ports: s.ports })),
      firewall: {
        name: 'fw',
        vpc: 'vpc-inspection',
        ruleGroup: { name: 'rg', ...(world.capacity !== undefined ? { capacity: world.capacity } : {}) },
        allow: world.allows.map((a) => ({ name: a.name, from: a.from, to: a.to })),
        protect: world.protect,
      },
    },
  };
}

export const toSpec = (world: World): Spec => specSchema.parse(toSpecInput(world));

const nowhere: Locator = { value: () => undefined, key: () => undefined };

export interface Allocation {
  diagnostics: Diagnostic[];
  model?: Topology;
  /** the next lock, or the previous one when the world has errors */
  lock: Lock;
}

/**
 * The spec checks (capacity included), then the allocation and the report of what it changed: the
 * allocation stage of src/analyze.ts. The model checks are left out: random worlds may hold intent
 * the firewall lint refuses (e.g. two allow entries granting the same), which is not the allocator's
 * business; the agreement test runs the whole analysis.
 */
export function allocateWorld(world: World, previousLock?: Lock): Allocation {
  const spec = toSpec(world);
  const context = { file: 'world.yaml', locator: nowhere };
  const checked = checkSpec(spec, context);
  if (hasErrors(checked)) return { diagnostics: checked, lock: previousLock ?? emptyLock() };
  const allocation = allocate(spec, { files: new Map(), ...(previousLock ? { previousLock } : {}) });
  const { report, diagnostics } = collector(context);
  checkAllocationChanges(spec, allocation.changes, report);
  return { diagnostics: [...checked, ...diagnostics], model: allocation.model, lock: allocation.lock };
}

export const nodeCount = (world: World): number => world.clusters.reduce((n, c) => n + c.nodes.length, 0);

// ---- edits a user makes -------------------------------------------------------------------------

/** Reverses or rotates every list whose order the user controls. */
export function reorder(world: World, g: fc.GeneratorValue): World {
  const shuffle = <T>(items: readonly T[]): T[] => g(fc.shuffledSubarray, [...items], { minLength: items.length, maxLength: items.length });
  return {
    ...world,
    blocks: shuffle(world.blocks),
    clusters: shuffle(world.clusters).map((c) => ({ ...c, nodes: shuffle(c.nodes), gateways: shuffle(c.gateways) })),
    services: shuffle(world.services),
    allows: shuffle(world.allows).map((a) => ({ ...a, from: shuffle(a.from), to: shuffle(a.to) })),
    protect: shuffle(world.protect),
  };
}

/** Removes some clusters, nodes, gateways, services and allow entries and adds new ones (never pinned). */
export function addAndRemove(world: World, g: fc.GeneratorValue): World {
  const keep = <T>(items: readonly T[], minLength: number): T[] => g(fc.subarray, [...items], { minLength: Math.min(minLength, items.length) });
  const clusters = keep(world.clusters, 1).map((c) => {
    const added = g(fc.integer, { min: 0, max: 3 });
    const nodes = [
      ...keep(c.nodes, 1),
      ...Array.from({ length: added }, (_, i) => ({ name: `new-${i}`, host: 1, az: AZS[i % AZS.length]!, mtu: 1500 })),
    ];
    const gateways = keep(c.gateways, 0);
    if (g(fc.boolean)) gateways.push({ name: `egw-${c.name}-new`, cidr: `100.65.${CLUSTER_NAMES.indexOf(c.name)}.0/28`, selector: {} });
    return { ...c, nodes, gateways };
  });
  const services = keep(world.services, 1);
  if (g(fc.boolean)) services.push({ name: 'new-svc', addresses: ['10.200.99.1'], ports: [{ port: 8443, protocol: 'tcp' }] });
  const serviceNames = new Set(services.map((s) => s.name));
  const gatewayNames = new Set(clusters.flatMap((c) => c.gateways.map((gw) => gw.name)));
  const allows = keep(world.allows, 0)
    .map((a) => ({ ...a, from: a.from.filter((name) => gatewayNames.has(name)), to: a.to.filter((name) => serviceNames.has(name)) }))
    .filter((a) => a.from.length > 0 && a.to.length > 0);
  const newGateways = [...gatewayNames].filter((name) => name.endsWith('-new'));
  if (newGateways.length > 0) allows.push({ name: 'allow-new', from: newGateways, to: [services[0]!.name] });
  const protect = keep(world.protect.filter((name) => serviceNames.has(name)), 0);
  if (serviceNames.has('new-svc')) protect.push('new-svc');
  return { ...world, clusters, services, allows, protect };
}

/**
 * The spec with every list in it shuffled, at every depth (nodes, clusters, VPCs, zones, subnets, route
 * tables, routes, services, addresses, ports, gateways, clients, allow entries and their from/to, protect,
 * TGW CIDR blocks, availability zones, imports): the order guarantee says none of them is ordered.
 */
export function permuteEveryList<T>(value: T, g: fc.GeneratorValue): T {
  if (Array.isArray(value)) {
    const items = value.map((item: unknown) => permuteEveryList(item, g));
    return g(fc.shuffledSubarray, items, { minLength: items.length, maxLength: items.length }) as T;
  }
  if (value === null || typeof value !== 'object') return value;
  // mapping keys too: their order in the YAML carries no meaning either
  const entries = Object.entries(value).map(([key, item]): [string, unknown] => [key, permuteEveryList(item, g)]);
  return Object.fromEntries(g(fc.shuffledSubarray, entries, { minLength: entries.length, maxLength: entries.length })) as T;
}
