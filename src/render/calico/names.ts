// Stable names and selectors, derived only from spec names, so that re-running egressc after adding a
// node or a gateway never renames an existing object. Shared by the Calico and BIRD emitters and the path
// model (src/paths), which names the objects build writes.
import { createHash } from 'node:crypto';
import type { Cluster, EgressGateway, PeeringNode, TransitGateway } from '../../model/types.js';

export const PROJECTCALICO_V3 = 'projectcalico.org/v3';
export const OPERATOR_V1 = 'operator.tigera.io/v1';

/** Label egressc puts on gateway pods (through EgressGateway.spec.template); selectors match on it. */
export const GATEWAY_POD_LABEL = 'egressc.io/egress-gateway';

/**
 * Node label egressc asks for on every peering node (a patch per node under node-labels/): gateways with
 * placement connectPeers select it, so their /32s are advertised by the node that hosts them (aws.md A.1).
 */
export const CONNECT_PEER_LABEL = 'egressc.io/connect-peer';
export const CONNECT_PEER_LABEL_VALUE = 'true';

/** Well-known topology labels the gateway replicas are spread over. */
export const ZONE_LABEL = 'topology.kubernetes.io/zone';
export const HOSTNAME_LABEL = 'kubernetes.io/hostname';

/** Label Calico puts on every namespace, usable in Calico namespace selectors. */
const CALICO_NAMESPACE_LABEL = 'projectcalico.org/name';

export const ANNOTATION_SELECTOR = 'egress.projectcalico.org/selector';
export const ANNOTATION_NAMESPACE_SELECTOR = 'egress.projectcalico.org/namespaceSelector';
export const ANNOTATION_POLICY = 'egress.projectcalico.org/egressGatewayPolicy';

export const tgwFilterName = (tgw: TransitGateway): string => `tgw-${tgw.name}`;

/** BIRD's longest symbol (BIRD 1.6 `SYM_MAX_LEN`; longer ones fail with "Symbol too long"). */
export const BIRD_SYMBOL_MAX_LENGTH = 64;

/**
 * The BIRD function calico-node's confd renders for one direction of a BGPFilter (IPv4):
 * `bgp_<filter>_importFilterV4` / `bgp_<filter>_exportFilterV4`.
 *
 * A BGPFilter name may be far longer than a BIRD symbol, so confd shortens it first (projectcalico/calico,
 * confd/pkg/resource/template: `BGPFilterFunctionName` in template_funcs.go and `TruncateAndHashName` in
 * util.go, used since BGPFilter support was added to the templates in Dec 2022, i.e. by every Calico
 * release that has BGPFilter): the name part may take what the 64-character limit leaves beside the
 * fixed pieces (64 − 19 = 45 characters for IPv4); a longer name keeps its first (45 − 17) bytes, then
 * `_` and the first 16 digits of the upper-case hex SHA-256 of the whole name. Written here from that
 * rule, and tested with the vectors of confd's tests/compiled_templates/bgpfilter/filter_names.
 */
export function bgpFilterFunctionName(filterName: string, direction: 'import' | 'export'): string {
  const prefix = 'bgp_';
  const suffix = `_${direction}FilterV4`;
  return `${prefix}${truncateAndHash(filterName, BIRD_SYMBOL_MAX_LENGTH - prefix.length - suffix.length)}${suffix}`;
}

/**
 * confd's TruncateAndHashName for ASCII names (Kubernetes names are ASCII, so bytes = characters): a
 * name longer than maxLength (> 17) keeps its first maxLength − 17 characters, then "_" and 16 hex digits.
 */
export function truncateAndHash(name: string, maxLength: number): string {
  if (name.length <= maxLength) return name;
  const hashDigits = 16;
  const digest = createHash('sha256').update(name, 'utf8').digest('hex').toUpperCase().slice(0, hashDigits);
  return `${name.slice(0, maxLength - hashDigits - 1)}_${digest}`;
}

/** The two BGPPeers of a node: one per TGW BGP address (N+2 → 1, N+3 → 2). */
export const tgwPeerName = (cluster: Cluster, node: PeeringNode, index: 0 | 1): string =>
  `${cluster.name}-${node.name}-tgw-${index + 1}`;

export const gatewaySelector = (gateway: EgressGateway): string => `${GATEWAY_POD_LABEL} == '${gateway.name}'`;
export const namespaceSelector = (namespace: string): string => `${CALICO_NAMESPACE_LABEL} == '${namespace}'`;

/** Longest file name on Linux file systems (NAME_MAX, bytes). */
const FILE_NAME_MAX = 255;

/**
 * File name of a workload's patch: `<kind>-<name>.yaml`. A workload name may have 253 characters, which
 * would exceed NAME_MAX; such a name is cut and suffixed with a hash (as confd shortens BIRD names), so
 * the file can be written and distinct workloads keep distinct files.
 */
export function workloadPatchFileName(kind: string, name: string): string {
  const prefix = `${kind.toLowerCase()}-`;
  const suffix = '.yaml';
  return `${prefix}${truncateAndHash(name, FILE_NAME_MAX - prefix.length - suffix.length)}${suffix}`;
}

export const gatewayPolicyName = (gateway: EgressGateway): string => gateway.name;
