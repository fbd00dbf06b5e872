// Validates emitted Kubernetes documents the way an API server with strict field validation would,
// as far as that is possible offline (real-tools.md, Kubernetes): each CRD's openAPIV3Schema through
// ajv, with x-kubernetes-int-or-string as integer-or-string, x-kubernetes-preserve-unknown-fields
// subtrees left open, additionalProperties: false everywhere else and integer formats (int32, int64)
// enforced as Kubernetes 1.36+ does; metadata checked by hand
// (DNS-1123 names, no namespace on cluster-scoped kinds). CEL rules are not evaluated, so
// egresscChecks adds what the CRDs leave loose (IP syntax, enum-like strings).
import { readFileSync } from 'node:fs';
import { isIPv4 } from 'node:net';
import { Ajv, type ValidateFunction } from 'ajv';
import { calicoCrdPath, schemaDataPath } from '../../support/shared.js';

/** The Calico CRDs as the repository carries them (derived from upstream, see test/schema-data/README.md). */
export function calicoSchemaDir(): string {
  return schemaDataPath('calico');
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Kubernetes structural-schema semantics → plain JSON Schema for ajv. */
export function strictSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(strictSchema);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-kubernetes-') || key === 'nullable') continue;
    out[key] = key === 'properties' && isObject(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strictSchema(v)])) : strictSchema(value);
  }
  if (node['x-kubernetes-int-or-string'] === true) {
    delete out.type;
    if (!out.anyOf) out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  const open = node['x-kubernetes-preserve-unknown-fields'] === true;
  if (!open && isObject(node.properties) && node.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

function isCidr(value: string): boolean {
  const [ip, length, ...rest] = value.split('/');
  if (rest.length > 0 || ip === undefined || length === undefined || !isIPv4(ip) || !/^\d{1,2}$/.test(length)) return false;
  return Number(length) <= 32;
}

function checkQualifiedKeys(what: string, map: unknown, errors: string[]): void {
  if (map === undefined) return;
  if (!isObject(map)) return void errors.push(`${what} must be a map`);
  for (const [key, value] of Object.entries(map)) {
    const slash = key.lastIndexOf('/');
    const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
    const name = slash >= 0 ? key.slice(slash + 1) : key;
    if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) errors.push(`${what} key ${key}: bad prefix`);
    if (name.length > 63 || !QUALIFIED_NAME.test(name)) errors.push(`${what} key ${key}: bad name`);
    if (typeof value !== 'string') errors.push(`${what} ${key} must be a string`);
  }
}

/**
 * CRD patterns are Go (RE2) regular expressions; the only RE2-only syntax in these CRDs is the (?i)
 * flag group, placed where it covers the rest of the pattern, so it becomes the JS `i` flag.
 */
const goRegExp = Object.assign(
  (pattern: string, flags: string): RegExp =>
    pattern.includes('(?i)') ? new RegExp(pattern.split('(?i)').join(''), `${flags}i`) : new RegExp(pattern, flags),
  { code: 'goRegExp' },
);

interface Kind {
  scope: 'Cluster' | 'Namespaced';
  validate: ValidateFunction;
}

const metadataSchema = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    namespace: { type: 'string' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
  },
};

/** Hand-written schemas for the two core kinds egressc emits (no CRD exists for them). */
const CORE_KINDS: Record<string, { scope: Kind['scope']; schema: object }> = {
  'v1/Namespace': {
    scope: 'Cluster',
    schema: { type: 'object', required: ['apiVersion', 'kind', 'metadata'], additionalProperties: false, properties: { apiVersion: {}, kind: {}, metadata: metadataSchema } },
  },
  'v1/ConfigMap': {
    scope: 'Namespaced',
    schema: {
      type: 'object',
      required: ['apiVersion', 'kind', 'metadata', 'data'],
      additionalProperties: false,
      properties: {
        apiVersion: {},
        kind: {},
        metadata: metadataSchema,
        data: { type: 'object', propertyNames: { pattern: '^[-._a-zA-Z0-9]+$', maxLength: 253 }, additionalProperties: { type: 'string' } },
      },
    },
  },
};

export interface CrdValidator {
  /** problems with one document; empty when it is valid */
  validate(doc: unknown): string[];
  /** the "apiVersion/kind" keys it knows */
  kinds(): string[];
}

export function loadCrdValidator(crdFiles: readonly string[]): CrdValidator {
  const ajv = new Ajv({ allErrors: true, strict: false, code: { regExp: goRegExp } });
  ajv.addFormat('cidr', { type: 'string', validate: isCidr });
  ajv.addFormat('date-time', true);
  // Kubernetes 1.36+ enforces integer formats on CRDs: an int32 field refuses values beyond ±2^31
  // (projectcalico/calico#13494: BGPPeer/BGPConfiguration asNumber is int32, so 4-byte ASNs fail).
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 63) && n <= 2 ** 63 - 1 });
  const kinds = new Map<string, Kind>();
  for (const file of crdFiles) {
    // `file` names the upstream CRD; its derived copy holds the group, scope, kind and each version's openAPIV3Schema
    const crd = JSON.parse(readFileSync(calicoCrdPath(file), 'utf8')) as {
      group: string;
      scope: Kind['scope'];
      kind: string;
      versions: { name: string; schema: Json }[];
    };
    for (const version of crd.versions) {
      const schema = strictSchema(version.schema) as JsonObject;
      const properties = schema.properties as JsonObject;
      properties.metadata = metadataSchema as unknown as Json;
      schema.required = ['apiVersion', 'kind', 'metadata'];
      kinds.set(`${crd.group}/${version.name}/${crd.kind}`, { scope: crd.scope, validate: ajv.compile(schema) });
    }
  }
  for (const [key, core] of Object.entries(CORE_KINDS)) kinds.set(key, { scope: core.scope, validate: ajv.compile(core.schema) });

  return {
    kinds: () => [...kinds.keys()].sort(),
    validate(doc: unknown): string[] {
      if (!isObject(doc)) return ['document is not a map'];
      const key = `${String(doc.apiVersion)}/${String(doc.kind)}`;
      const kind = kinds.get(key);
      if (!kind) return [`unknown apiVersion/kind ${key}`];
      const errors: string[] = [];
      if (!kind.validate(doc)) {
        for (const e of kind.validate.errors ?? []) errors.push(`${key} ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
      }
      const metadata = isObject(doc.metadata) ? doc.metadata : {};
      const name = metadata.name;
      if (typeof name !== 'string' || name.length > 253 || !DNS_SUBDOMAIN.test(name)) errors.push(`${key}: metadata.name ${String(name)} is not a DNS-1123 subdomain`);
      if (kind.scope === 'Cluster' && metadata.namespace !== undefined) errors.push(`${key} ${String(name)}: cluster-scoped kind has a namespace`);
      if (kind.scope === 'Namespaced' && (typeof metadata.namespace !== 'string' || !DNS_LABEL.test(metadata.namespace)))
        errors.push(`${key} ${String(name)}: namespaced kind needs a DNS-1123 label namespace`);
      checkQualifiedKeys(`${key} ${String(name)} label`, metadata.labels, errors);
      checkQualifiedKeys(`${key} ${String(name)} annotation`, metadata.annotations, errors);
      return [...errors, ...egresscChecks(doc)];
    },
  };
}

/** What the CRDs leave as free strings, checked the way egressc means them. */
export function egresscChecks(doc: JsonObject): string[] {
  const errors: string[] = [];
  const spec = isObject(doc.spec) ? doc.spec : {};
  const where = `${String(doc.kind)} ${isObject(doc.metadata) ? String(doc.metadata.name) : '?'}`;
  const oneOf = (field: string, value: Json | undefined, allowed: readonly string[]): void => {
    if (value !== undefined && (typeof value !== 'string' || !allowed.includes(value))) errors.push(`${where}: ${field} ${String(value)} not in ${allowed.join('|')}`);
  };
  switch (doc.kind) {
    case 'BGPPeer':
      if (typeof spec.peerIP !== 'string' || !isIPv4(spec.peerIP)) errors.push(`${where}: peerIP ${String(spec.peerIP)} is not an IPv4 address`);
      oneOf('sourceAddress', spec.sourceAddress, ['UseNodeIP', 'None']);
      oneOf('nextHopMode', spec.nextHopMode, ['Auto', 'Self', 'Keep']);
      if (spec.nextHopMode !== undefined && spec.keepOriginalNextHop !== undefined) errors.push(`${where}: nextHopMode and keepOriginalNextHop together`);
      if (spec.node !== undefined && spec.nodeSelector !== undefined) errors.push(`${where}: node and nodeSelector together`);
      if (typeof spec.node !== 'string' || !DNS_SUBDOMAIN.test(spec.node)) errors.push(`${where}: node ${String(spec.node)} is not a node name`);
      break;
    case 'IPPool':
      if (typeof spec.cidr !== 'string' || !isCidr(spec.cidr)) errors.push(`${where}: cidr ${String(spec.cidr)} is not an IPv4 CIDR`);
      if (spec.ipipMode !== 'Never' && spec.vxlanMode !== 'Never') errors.push(`${where}: IPIP and VXLAN both on`);
      break;
    case 'BGPFilter':
      for (const list of ['exportV4', 'importV4']) {
        for (const rule of Array.isArray(spec[list]) ? (spec[list] as Json[]) : []) {
          if (isObject(rule) && (rule.cidr === undefined) !== (rule.matchOperator === undefined)) errors.push(`${where}: ${list} rule needs cidr and matchOperator together`);
        }
      }
      break;
    case 'EgressGatewayPolicy':
      for (const rule of Array.isArray(spec.rules) ? (spec.rules as Json[]) : []) {
        const cidr = isObject(rule) && isObject(rule.destination) ? rule.destination.cidr : undefined;
        if (typeof cidr !== 'string' || !isCidr(cidr)) errors.push(`${where}: destination cidr ${String(cidr)} is not an IPv4 CIDR`);
        if (isObject(rule) && isObject(rule.gateway) && !rule.gateway.selector) errors.push(`${where}: gateway without selector`);
      }
      break;
    case 'ConfigMap': {
      const bytes = Object.entries(isObject(doc.data) ? doc.data : {}).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(String(v)), 0);
      if (bytes > 1024 * 1024) errors.push(`${where}: data is ${bytes} bytes, more than the 1 MiB a ConfigMap may hold`);
      break;
    }
    default:
      break;
  }
  const annotations = isObject(doc.metadata) && isObject(doc.metadata.annotations) ? doc.metadata.annotations : {};
  const annotationBytes = Object.entries(annotations).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(String(v)), 0);
  if (annotationBytes > 256 * 1024) errors.push(`${where}: annotations exceed 256 KiB`);
  return errors;
}

/** Enterprise v3 kinds, the operator's EgressGateway and the core kinds. */
export const ENTERPRISE_CRDS = [
  'enterprise/v3/projectcalico.org_bgpconfigurations.yaml',
  'enterprise/v3/projectcalico.org_bgppeers.yaml',
  'enterprise/v3/projectcalico.org_bgpfilters.yaml',
  'enterprise/v3/projectcalico.org_ippools.yaml',
  'enterprise/v3/projectcalico.org_felixconfigurations.yaml',
  'enterprise/v3/projectcalico.org_egressgatewaypolicies.yaml',
  'operator.tigera.io_egressgateways.yaml',
];

/** Open-source v3 kinds: an OSS cluster's output must validate without any Enterprise field. */
export const OPENSOURCE_CRDS = [
  'projectcalico.org_bgpconfigurations.yaml',
  'projectcalico.org_bgppeers.yaml',
  'projectcalico.org_bgpfilters.yaml',
  'projectcalico.org_ippools.yaml',
  'projectcalico.org_felixconfigurations.yaml',
];
