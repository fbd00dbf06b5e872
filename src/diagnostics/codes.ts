// The registry of diagnostic codes: every code any stage reports, with the stage that reports it, its
// severity and a one-line summary. Diagnostic.code is typed by it, so a producer cannot invent a code;
// test/foundation/codes.test.ts checks that each is documented (docs/diagnostics.md) and has a fixture.

export type Stage =
  /** reading the YAML (src/load) */
  | 'load'
  /** the shape of the document (src/validate) */
  | 'validate'
  /** the meaning of the spec, and the files it references (src/check) */
  | 'check'
  /** the lock file (src/allocate/lock.ts) */
  | 'lock'
  /** what the allocation changed against the lock, and the checks over the resolved model (src/check) */
  | 'model';

export interface CodeInfo {
  stage: Stage;
  severity: 'error' | 'warning' | 'info';
  summary: string;
}

export const DIAGNOSTIC_CODES = {
  // load
  'yaml-syntax': { stage: 'load', severity: 'error', summary: 'the YAML does not parse' },
  'duplicate-key': { stage: 'load', severity: 'error', summary: 'a mapping repeats a key' },
  'multiple-documents': { stage: 'load', severity: 'error', summary: 'the file holds more than one document' },
  'alias-limit': { stage: 'load', severity: 'error', summary: 'aliases expand to more than 100 nodes' },
  'empty-document': { stage: 'load', severity: 'error', summary: 'the file holds nothing' },
  'input-too-large': { stage: 'load', severity: 'error', summary: 'the spec, lock or a referenced file is larger than egressc reads' },
  'not-utf8': { stage: 'load', severity: 'error', summary: 'the file is not UTF-8' },
  'nesting-too-deep': { stage: 'load', severity: 'error', summary: 'the YAML nests deeper than egressc reads' },
  'string-too-long': { stage: 'load', severity: 'error', summary: 'a string longer than egressc reads' },
  'control-character': { stage: 'load', severity: 'error', summary: 'a control character in a value' },
  'merge-key': { stage: 'load', severity: 'error', summary: 'a YAML merge key (<<), which egressc refuses' },
  // validate
  'unknown-key': { stage: 'validate', severity: 'error', summary: 'a key the spec language does not have' },
  'missing-field': { stage: 'validate', severity: 'error', summary: 'a required field is missing' },
  'invalid-type': { stage: 'validate', severity: 'error', summary: 'a value of the wrong type' },
  'invalid-value': { stage: 'validate', severity: 'error', summary: 'a value outside an enumeration' },
  'out-of-range': { stage: 'validate', severity: 'error', summary: 'a number, length or list size outside its bounds' },
  'invalid-format': { stage: 'validate', severity: 'error', summary: 'a string not of the required form' },
  // check: addresses
  'invalid-cidr': { stage: 'check', severity: 'error', summary: 'not an IPv4 CIDR, or host bits set' },
  'invalid-ip': { stage: 'check', severity: 'error', summary: 'not an IPv4 address' },
  'cidr-overlap': { stage: 'check', severity: 'error', summary: 'networks that must be apart overlap' },
  'tgw-cidr-too-small': { stage: 'check', severity: 'error', summary: 'a TGW CIDR block smaller than /24' },
  'tgw-cidr-link-local': { stage: 'check', severity: 'error', summary: 'a TGW CIDR block in 169.254.0.0/16' },
  'tgw-cidr-count': { stage: 'check', severity: 'error', summary: 'more than 5 TGW CIDR blocks' },
  'inside-pool-invalid': { stage: 'check', severity: 'error', summary: 'insideCidrPool outside 169.254.0.0/16 or smaller than a /29' },
  'node-ip-outside-vpc': { stage: 'check', severity: 'error', summary: "a peering node's vpcIp outside its cluster VPC" },
  'duplicate-node-ip': { stage: 'check', severity: 'error', summary: 'two peering nodes share a vpcIp' },
  'service-outside-vpc': { stage: 'check', severity: 'error', summary: 'a service address outside the VPC it names' },
  // check: BGP
  'asn-range': { stage: 'check', severity: 'error', summary: 'an ASN outside the range AWS or BGP allows' },
  'ibgp-refused': { stage: 'check', severity: 'error', summary: "a cluster uses the TGW's ASN (iBGP)" },
  // check: names and references
  'unresolved-reference': { stage: 'check', severity: 'error', summary: 'a name that is not defined' },
  'az-region-mismatch': { stage: 'check', severity: 'error', summary: 'an availability zone not of aws.region' },
  'duplicate-zone': { stage: 'check', severity: 'error', summary: 'two subnets of one VPC attachment in the same zone' },
  'zone-without-attachment': { stage: 'check', severity: 'error', summary: 'a peering node in a zone without an attachment subnet' },
  'wrong-role': { stage: 'check', severity: 'error', summary: 'a VPC reference to a VPC of the wrong role' },
  'duplicate-name': { stage: 'check', severity: 'error', summary: 'a name used twice where it is an identity' },
  'duplicate-reference': { stage: 'check', severity: 'error', summary: 'an allow entry or protect naming the same gateway or service twice' },
  'port-not-on-service': { stage: 'check', severity: 'error', summary: 'an allow rule names a port a target service does not have' },
  // check: pins
  'pin-not-apipa': { stage: 'check', severity: 'error', summary: 'a pinned inside CIDR outside 169.254.0.0/16' },
  'pin-not-29': { stage: 'check', severity: 'error', summary: 'a pinned inside CIDR that is not a /29' },
  'pin-reserved': { stage: 'check', severity: 'error', summary: 'a pinned inside CIDR AWS reserves' },
  'pin-outside-pool': { stage: 'check', severity: 'error', summary: 'a pinned inside CIDR outside insideCidrPool' },
  'pin-gre-outside-tgw-cidr': { stage: 'check', severity: 'error', summary: 'a pinned TGW GRE address in no TGW CIDR block' },
  'duplicate-pin': { stage: 'check', severity: 'error', summary: 'two nodes pinned to the same /29 or GRE address' },
  // check: capacity (allocation feasibility)
  'pool-exhausted': { stage: 'check', severity: 'error', summary: 'the inside-CIDR pool, the TGW CIDR blocks or the largest rule group cannot hold what the spec needs' },
  'capacity-too-small': { stage: 'check', severity: 'error', summary: 'a fixed rule group capacity below the rule count' },
  'address-not-unicast': { stage: 'check', severity: 'error', summary: 'a network in a loopback, multicast, link-local or reserved range' },
  'vpc-cidr-size': { stage: 'check', severity: 'error', summary: "a VPC CIDR outside AWS's /16 to /28" },
  'vpc-reserved-address': { stage: 'check', severity: 'error', summary: 'a node or service address AWS reserves in the VPC' },
  'egress-pool-default-pod-pool': { stage: 'check', severity: 'error', summary: "an egress pool overlapping the operator's default pod pool" },
  'node-name-invalid': { stage: 'check', severity: 'error', summary: 'a nodeName Calico refuses in BGPPeer.spec.node' },
  'workload-name-invalid': { stage: 'check', severity: 'error', summary: 'a client workload name its kind does not allow' },
  'label-key-invalid': { stage: 'check', severity: 'error', summary: 'a nodeSelector key that is not a Kubernetes label key' },
  'label-value-invalid': { stage: 'check', severity: 'error', summary: 'a nodeSelector value that is not a Kubernetes label value' },
  'aws-name-invalid': { stage: 'check', severity: 'error', summary: 'a logging destination name AWS would refuse' },
  'file-outside-root': { stage: 'check', severity: 'error', summary: "a referenced file outside the spec's tree" },
  'not-a-regular-file': { stage: 'check', severity: 'error', summary: 'a referenced path that is not a regular file' },
  'template-bom': { stage: 'check', severity: 'error', summary: 'a BIRD template starting with a byte order mark' },
  'template-crlf': { stage: 'check', severity: 'error', summary: 'a BIRD template with carriage returns' },
  'firewall-port-list-too-long': { stage: 'check', severity: 'error', summary: 'an allow entry whose port list is longer than a Suricata rule holds' },
  // check: Calico
  'calico-edition': { stage: 'check', severity: 'error', summary: 'egress gateways on Calico open source' },
  'calico-version-unsupported': { stage: 'check', severity: 'error', summary: 'a Calico version egressc does not support' },
  'calico-version-lacks-bgp-filter': { stage: 'check', severity: 'error', summary: 'a Calico version without BGPFilter' },
  'calico-version-lacks-filter-source': { stage: 'check', severity: 'error', summary: 'advertiseGatewayRoutes: hostingNode on a Calico version whose BGPFilter has no `source` field' },
  'asn-exceeds-crd-int32': { stage: 'check', severity: 'warning', summary: "an ASN above 2147483647, which Calico's int32 asNumber CRD field refuses on Kubernetes 1.36+" },
  'clients-empty': { stage: 'check', severity: 'error', summary: 'an egress gateway without clients' },
  'client-two-gateways': { stage: 'check', severity: 'error', summary: 'a namespace or workload listed as the client of two gateways' },
  'missing-template': { stage: 'check', severity: 'error', summary: 'Calico Enterprise with templatePatch but no birdTemplate' },
  'template-unused': { stage: 'check', severity: 'warning', summary: 'templates given with strategy interfaceRoute are ignored' },
  'file-not-found': { stage: 'check', severity: 'error', summary: 'a referenced file cannot be read' },
  'calico-template-anchor-mismatch': { stage: 'check', severity: 'error', summary: "a BIRD template whose anchors are not exactly one generation's" },
  'calico-template-already-patched': { stage: 'check', severity: 'error', summary: "a BIRD template that already holds egressc's patch" },
  'calico-template-generation-unexpected': { stage: 'check', severity: 'warning', summary: 'a BIRD template of the other generation than the version ships' },
  'calico-template-patch-not-needed': { stage: 'check', severity: 'info', summary: 'templatePatch on open source, whose template always renders multihop' },
  // lock
  'lock-invalid': { stage: 'lock', severity: 'error', summary: 'the lock file is not a valid lock' },
  'not-a-lock': { stage: 'lock', severity: 'error', summary: 'the file named as the lock is not an egressc lock' },
  // model: what the allocation changed, and checks over the resolved model
  'allocation-moved': { stage: 'model', severity: 'warning', summary: 'a lock value moves: its Connect peer is replaced' },
  'allocation-reuses-released': { stage: 'model', severity: 'warning', summary: 'a new peer takes a value a removed peer released' },
  'aws-name-too-long': { stage: 'model', severity: 'error', summary: "the rule group's AWS name is longer than 128 characters" },
  'return-path-missing': { stage: 'model', severity: 'error', summary: "an allowed request's reply has no route" },
  'egress-ip-unadvertised': { stage: 'model', severity: 'error', summary: "no Connect peer is sure to advertise a gateway's pool" },
  'return-path-undocumented': { stage: 'model', severity: 'warning', summary: 'the way home relies on undocumented TGW behaviour' },
  'inspection-bypassed': { stage: 'model', severity: 'warning', summary: 'a flow to a service never crosses the firewall' },
  'asymmetric-return': { stage: 'model', severity: 'error', summary: 'the firewall sees only one direction of a flow' },
  'protected-reachable': { stage: 'model', severity: 'error', summary: 'a protected service reachable from outside the egress pools' },
  'expectation-failed': { stage: 'model', severity: 'error', summary: 'a spec expectation the trace contradicts' },
  'expectation-invalid': { stage: 'model', severity: 'error', summary: 'a spec expectation naming an unknown source or destination' },
  'capacity-changes': { stage: 'model', severity: 'warning', summary: "a fixed rule group capacity differs from the lock's" },
  'capacity-grows': { stage: 'model', severity: 'warning', summary: 'egressc grows the rule group capacity' },
  'calico-policy-without-destinations': { stage: 'model', severity: 'warning', summary: 'a policy-selected gateway no allow rule names' },
  'terraform-name-clash': { stage: 'model', severity: 'error', summary: 'two spec objects map to one Terraform name' },
  'firewall-rule-syntax': { stage: 'model', severity: 'error', summary: 'a rule that is not well-formed Suricata' },
  'firewall-forbidden-keyword': { stage: 'model', severity: 'error', summary: 'a keyword or protocol AWS Network Firewall refuses' },
  'firewall-forbidden-action': { stage: 'model', severity: 'error', summary: 'an action AWS does not allow' },
  'firewall-priority-in-strict-order': { stage: 'model', severity: 'error', summary: 'priority in a STRICT_ORDER rule group' },
  'firewall-rule-without-flow': { stage: 'model', severity: 'error', summary: 'a rule without flow context (IP-only for AWS)' },
  'firewall-undefined-variable': { stage: 'model', severity: 'error', summary: 'a rule uses a variable the group does not define' },
  'firewall-invalid-variable-name': { stage: 'model', severity: 'error', summary: 'a rule variable name AWS refuses' },
  'firewall-invalid-variable-value': { stage: 'model', severity: 'error', summary: 'an IP set variable that is not a list of IPv4 CIDRs' },
  'firewall-missing-sid': { stage: 'model', severity: 'error', summary: 'a rule without exactly one numeric sid' },
  'firewall-duplicate-sid': { stage: 'model', severity: 'error', summary: 'two rules share a sid' },
  'firewall-rule-too-long': { stage: 'model', severity: 'error', summary: 'a rule longer than AWS allows with its variables expanded' },
  'firewall-rules-too-large': { stage: 'model', severity: 'error', summary: 'a rules string larger than AWS allows' },
  'firewall-capacity-exceeded': { stage: 'model', severity: 'error', summary: 'more rules than the rule group capacity' },
  'firewall-rule-mismatch': { stage: 'model', severity: 'error', summary: 'a rendered rule does not match its model (an egressc bug)' },
  'firewall-rule-shadowed': { stage: 'model', severity: 'error', summary: 'a rule an earlier rule makes unreachable' },
  'firewall-allow-source-not-gateway': { stage: 'model', severity: 'error', summary: "a pass rule from outside the egress gateways' pools" },
  'firewall-service-unprotected': { stage: 'model', severity: 'error', summary: 'a protected service no rule drops other traffic to' },
  'firewall-service-unreached': { stage: 'model', severity: 'warning', summary: 'a protected service no allow rule reaches' },
} as const satisfies Record<string, CodeInfo>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export const isDiagnosticCode = (code: string): code is DiagnosticCode => Object.hasOwn(DIAGNOSTIC_CODES, code);
