// The live lab: per node a namespace configured from its netplan file, a "tgw-gre" namespace that
// terminates every tunnel at the TGW GRE addresses, and a "tgw-bgp" namespace one routed hop behind it
// with one gobgpd per TGW BGP address. Every address lives inside these namespaces; the underlay uses
// the node VPC IPs and TGW GRE addresses on veths plus 10.255.255.0/30 between the two TGW namespaces.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ipaddr from 'ipaddr.js';
import type { Cluster, PeeringNode, Topology } from '../../../src/model/types.js';
import { birdProtocols, nodeBirdConfig } from './bird.js';
import { Daemons } from './daemons.js';
import { createTunnel, kernelHasGre, type GreImplementation } from './gre.js';
import { gobgpAnnounce, gobgpdConfig } from './gobgp.js';
import { netplanTunnels, type TunnelConfig } from './netplan-tunnel.js';
import { inNamespace, ip } from './run.js';
import { waitUntil } from './wait.js';

export interface LabNodeInput {
  cluster: Cluster;
  node: PeeringNode;
  /** the node's netplan file as emitted */
  netplanText: string;
  /** the node's peers.conf as emitted (or the unpatched rendering for the negative control) */
  peersConf: string;
}

export interface LabInput {
  /** short label, part of every namespace name */
  tag: string;
  model: Topology;
  nodes: LabNodeInput[];
  /** prefixes the TGW speakers announce to the nodes (the node must filter them unless imported) */
  tgwAnnounces: string[];
  /** iBGP between the nodes of a cluster over the underlay, standing in for Calico's node mesh */
  mesh?: boolean;
}

export interface Speaker {
  /** the TGW BGP address (N+2 or N+3) */
  address: string;
  apiPort: number;
}

export interface LabNode {
  input: LabNodeInput;
  namespace: string;
  birdSocket: string;
  tunnel: TunnelConfig;
  /** egress IPs this node holds (one host of each egress pool) and its pod block */
  egressPrefixes: string[];
  podBlock: string;
  speakers: Speaker[];
  /** the other nodes of its cluster it meshes with (LabInput.mesh) */
  meshPeers: LabNode[];
}

const TGW_LINK = { gre: '10.255.255.1', bgp: '10.255.255.2', prefixLength: 30 };
const FIRST_API_PORT = 50100;

/** The n-th address after the network address of `cidr`, as a /32. */
export function hostOf(cidr: string, n: number): string {
  const [network, length] = ipaddr.IPv4.parseCIDR(cidr);
  const size = 2 ** (32 - length);
  const offset = size === 1 ? 0 : 1 + (n % Math.max(size - 2, 1));
  const value = (network.toByteArray().reduce((acc, byte) => acc * 256 + byte, 0) + offset) >>> 0;
  return `${ipaddr.fromByteArray([value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255]).toString()}/32`;
}

/** The n-th /26 of the pod CIDR: the pod block the node originates (Calico's default block size). */
export function podBlockOf(podCidr: string, n: number): string {
  const [network] = ipaddr.IPv4.parseCIDR(podCidr);
  const value = (network.toByteArray().reduce((acc, byte) => acc * 256 + byte, 0) + n * 64) >>> 0;
  return `${ipaddr.fromByteArray([value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255]).toString()}/26`;
}

const active = new Set<Lab>();
let handlersInstalled = false;
let interruptedBy: NodeJS.Signals | undefined;

/**
 * Tear every lab down on SIGINT/SIGTERM and on exit, whatever the test runner does. A test runner may
 * intercept process.exit in its workers, so after the teardown the process kills itself: no later
 * test may build a new lab in an interrupted run.
 */
function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const teardownAll = (): void => {
    for (const lab of [...active]) lab.teardown();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      interruptedBy = signal;
      teardownAll();
      process.kill(process.pid, 'SIGKILL');
    });
  }
  process.once('exit', teardownAll);
}

const pidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Namespaces an earlier, killed run of this harness left behind (egc-<dead pid>-…): their processes and the namespaces go. */
export function removeStaleNamespaces(): string[] {
  const names = ip(['netns', 'list']).stdout.split('\n').map((line) => line.split(' ')[0] ?? '');
  const stale = names.filter((name) => {
    const pid = /^egc-(\d+)-/.exec(name)?.[1];
    return pid !== undefined && Number(pid) !== process.pid && !pidAlive(Number(pid));
  });
  for (const ns of stale) {
    for (const pid of ip(['netns', 'pids', ns], { allowFailure: true }).stdout.split('\n').filter(Boolean)) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // gone already
      }
    }
    ip(['netns', 'del', ns], { allowFailure: true });
  }
  return stale;
}

export class Lab {
  readonly prefix: string;
  readonly tgwGre: string;
  readonly tgwBgp: string;
  readonly nodes: LabNode[] = [];
  readonly daemons = new Daemons();
  readonly greImplementation: GreImplementation;
  private readonly namespaces: string[] = [];
  private dir: string | undefined;

  constructor(private readonly input: LabInput) {
    this.prefix = `egc-${process.pid}-${input.tag}`;
    this.tgwGre = `${this.prefix}-tgw-gre`;
    this.tgwBgp = `${this.prefix}-tgw-bgp`;
    this.greImplementation = kernelHasGre(`${this.prefix}-probe`) ? 'kernel' : 'userspace';
  }

  private addNamespace(name: string): void {
    ip(['netns', 'add', name]);
    this.namespaces.push(name);
    ip(['-n', name, 'link', 'set', 'lo', 'up']);
    // forwarding on (the TGW namespaces route between tunnel and veth), reverse-path filtering off so
    // the result does not depend on the machine's defaults; /proc/sys/net is per namespace, so this
    // needs no sysctl binary
    inNamespace(name, 'sh', ['-c', 'echo 1 > /proc/sys/net/ipv4/ip_forward && echo 0 > /proc/sys/net/ipv4/conf/all/rp_filter && echo 0 > /proc/sys/net/ipv4/conf/default/rp_filter']);
  }

  private path(...parts: string[]): string {
    if (!this.dir) throw new Error('lab not started');
    return join(this.dir, ...parts);
  }

  /** Builds everything and starts the daemons; BIRD last, once the tunnels carry packets. */
  async up(): Promise<void> {
    if (interruptedBy) throw new Error(`interrupted by ${interruptedBy}: no new lab`);
    installHandlers();
    active.add(this);
    this.dir = mkdtempSync(join(tmpdir(), `${this.prefix}-`));
    const { model } = this.input;

    this.addNamespace(this.tgwGre);
    this.addNamespace(this.tgwBgp);
    ip(['link', 'add', 'b0', 'netns', this.tgwGre, 'type', 'veth', 'peer', 'name', 'g0', 'netns', this.tgwBgp]);
    ip(['-n', this.tgwGre, 'addr', 'add', `${TGW_LINK.gre}/${TGW_LINK.prefixLength}`, 'dev', 'b0']);
    ip(['-n', this.tgwGre, 'link', 'set', 'b0', 'up']);
    ip(['-n', this.tgwBgp, 'addr', 'add', `${TGW_LINK.bgp}/${TGW_LINK.prefixLength}`, 'dev', 'g0']);
    ip(['-n', this.tgwBgp, 'link', 'set', 'g0', 'up']);
    ip(['-n', this.tgwBgp, 'route', 'add', 'default', 'via', TGW_LINK.gre]);

    let apiPort = FIRST_API_PORT;
    for (const [index, input] of this.input.nodes.entries()) {
      const namespace = `${this.prefix}-n${index}`;
      this.addNamespace(namespace);
      const tunnels = netplanTunnels(input.netplanText);
      if (tunnels.length !== 1 || !tunnels[0]) throw new Error(`netplan of ${input.node.name}: expected one tunnel, found ${tunnels.length}`);
      const tunnel = tunnels[0];
      const peer = input.node.connectPeer;

      // underlay: the node's VPC IP (as netplan's `local` says) <-> the TGW GRE address
      const tgwSide = `n${index}`;
      ip(['link', 'add', 'u0', 'netns', namespace, 'type', 'veth', 'peer', 'name', tgwSide, 'netns', this.tgwGre]);
      ip(['-n', namespace, 'addr', 'add', `${tunnel.local}/32`, 'dev', 'u0']);
      ip(['-n', namespace, 'link', 'set', 'u0', 'up']);
      ip(['-n', namespace, 'route', 'add', `${tunnel.remote}/32`, 'dev', 'u0', 'scope', 'link']);
      ip(['-n', this.tgwGre, 'addr', 'add', `${peer.tgwGreAddress}/32`, 'dev', tgwSide]);
      ip(['-n', this.tgwGre, 'link', 'set', tgwSide, 'up']);
      ip(['-n', this.tgwGre, 'route', 'add', `${input.node.vpcIp}/32`, 'dev', tgwSide, 'scope', 'link']);

      // the tunnel: node end from netplan, TGW end from the Connect peer
      mkdirSync(this.path(input.node.name));
      createTunnel(namespace, tunnel, this.greImplementation, this.daemons, this.path(input.node.name, 'gre-node.log'));
      const tgwTunnel: TunnelConfig = {
        name: `t${index}`,
        mode: 'gre',
        local: peer.tgwGreAddress,
        remote: input.node.vpcIp,
        addresses: [],
        ttl: 255,
        ...(tunnel.mtu !== undefined ? { mtu: tunnel.mtu } : {}),
        routes: [{ to: `${peer.nodeBgpAddress}/32` }],
      };
      createTunnel(this.tgwGre, tgwTunnel, this.greImplementation, this.daemons, this.path(input.node.name, 'gre-tgw.log'));

      // the TGW's BGP speakers, one routed hop behind the GRE endpoint
      const speakers: Speaker[] = [];
      for (const address of peer.tgwBgpAddresses) {
        ip(['-n', this.tgwBgp, 'addr', 'add', `${address}/32`, 'dev', 'lo']);
        ip(['-n', this.tgwGre, 'route', 'add', `${address}/32`, 'via', TGW_LINK.bgp]);
        const configFile = this.path(input.node.name, `gobgpd-${address}.json`);
        writeFileSync(
          configFile,
          gobgpdConfig({ asn: model.transitGateway.amazonSideAsn, address, neighbor: peer.nodeBgpAddress, neighborAsn: input.cluster.asNumber }),
        );
        this.daemons.start(`gobgpd ${address}`, this.tgwBgp, 'gobgpd', ['-f', configFile, '-t', 'json', '--api-hosts', `127.0.0.1:${apiPort}`, '--pprof-disable', '-p'], this.path(input.node.name, `gobgpd-${address}.log`));
        speakers.push({ address, apiPort });
        apiPort += 1;
      }

      // what the node originates: one egress IP per pool (node i holds host i+1) and its pod block
      const egressPrefixes = input.cluster.egressGateways.map((gateway) => hostOf(gateway.pool.cidr, index));
      if (!input.cluster.podCidr) throw new Error(`cluster ${input.cluster.name}: the live fixture needs a podCidr`);
      const podBlock = podBlockOf(input.cluster.podCidr, index);
      for (const prefix of egressPrefixes) ip(['-n', namespace, 'addr', 'add', prefix, 'dev', 'lo']);

      this.nodes.push({ input, namespace, birdSocket: this.path(input.node.name, 'bird.ctl'), tunnel, egressPrefixes, podBlock, speakers, meshPeers: [] });
    }

    // the node mesh: each node reaches the others' VPC IPs through the GRE namespace, which forwards
    if (this.input.mesh) {
      for (const node of this.nodes) {
        node.meshPeers = this.nodes.filter((other) => other !== node && other.input.cluster.name === node.input.cluster.name);
        for (const other of node.meshPeers) ip(['-n', node.namespace, 'route', 'add', `${other.input.node.vpcIp}/32`, 'via', node.tunnel.remote, 'dev', 'u0']);
      }
    }

    // the speakers' API is up: announce what the TGW propagates to the appliance
    for (const node of this.nodes) {
      for (const speaker of node.speakers) {
        await waitUntil(`gobgpd ${speaker.address} API`, 10_000, () => {
          const probe = inNamespace(this.tgwBgp, 'gobgp', ['-u', '127.0.0.1', '-p', String(speaker.apiPort), 'global'], { allowFailure: true, timeoutMs: 2_000 });
          return { done: probe.status === 0, value: probe.stderr.trim() };
        });
        for (const prefix of this.input.tgwAnnounces) gobgpAnnounce(this.tgwBgp, speaker.apiPort, prefix);
      }
    }

    // the tunnels carry packets both ways before BGP starts (a failure here is GRE, not BGP)
    for (const node of this.nodes) {
      for (const speaker of node.speakers) {
        await waitUntil(`ping from ${node.input.node.name} to TGW BGP address ${speaker.address} through the tunnel`, 5_000, () => {
          const ping = inNamespace(node.namespace, 'ping', ['-c', '1', '-W', '1', speaker.address], { allowFailure: true, timeoutMs: 3_000 });
          return { done: ping.status === 0, value: ping.stdout.trim().split('\n').slice(-2).join(' ') };
        });
      }
    }

    for (const node of this.nodes) {
      const name = node.input.node.name;
      const peersConfFile = this.path(name, 'peers.conf');
      const birdConfFile = this.path(name, 'bird.conf');
      writeFileSync(peersConfFile, node.input.peersConf);
      writeFileSync(
        birdConfFile,
        nodeBirdConfig({
          routerId: node.input.node.vpcIp,
          logFile: this.path(name, 'bird.log'),
          peersConfFile,
          originated: [...node.egressPrefixes, node.podBlock],
          mesh: node.meshPeers.map((other) => ({ neighbor: other.input.node.vpcIp, local: node.input.node.vpcIp, asn: node.input.cluster.asNumber, device: 'u0' })),
        }),
      );
      this.daemons.start(`bird ${name}`, node.namespace, 'bird', ['-f', '-c', birdConfFile, '-s', node.birdSocket, '-P', this.path(name, 'bird.pid')], this.path(name, 'bird.out'));
    }
    for (const node of this.nodes) {
      await waitUntil(`BIRD control socket of ${node.input.node.name}`, 10_000, () => {
        try {
          return { done: birdProtocols(node.birdSocket).length > 0, value: 'no protocols yet' };
        } catch (error) {
          return { done: false, value: String(error) };
        }
      });
    }
  }

  /**
   * Kill the daemons, drop port-179 sockets, delete the namespaces and (unless `keepFiles`, for a failed
   * run) the temp dir with configs and logs. Synchronous, idempotent.
   */
  teardown(keepFiles = false): void {
    this.daemons.stopAll();
    for (const ns of this.namespaces.splice(0).reverse()) {
      inNamespace(ns, 'ss', ['-K', '-t', 'state', 'all', '( sport = :179 or dport = :179 )'], { allowFailure: true, timeoutMs: 3_000 });
      ip(['netns', 'del', ns], { allowFailure: true });
    }
    if (this.dir && !keepFiles) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
    active.delete(this);
  }

  get tgwAsn(): number {
    return this.input.model.transitGateway.amazonSideAsn;
  }

  /** Where the configs and logs are (BIRD, gobgpd, GRE endpoints). */
  get workDir(): string | undefined {
    return this.dir;
  }
}

