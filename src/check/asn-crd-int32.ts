// 4-byte ASNs that Calico's CRDs cannot hold. The BGPPeer and BGPConfiguration CRDs declare `asNumber`
// as `type: integer, format: int32` (projectcalico/calico#13494), and Kubernetes 1.36+ enforces integer
// formats on CRDs, so the API server refuses any ASN above 2147483647. The fix (projectcalico/calico#13979,
// merged 2026-09-18) is in neither the 3.31 nor the 3.32 line, and no Calico release known to egressc
// carries it, so every supported version is affected: a warning, because clusters on Kubernetes before
// 1.36 still accept the value.
import type { Spec } from '../spec/schema.js';
import { MAX_ASN, RESERVED_ASNS, TGW_ASN_RANGES } from './aws-facts.js';
import type { Report } from './context.js';

/** The largest value of an OpenAPI `format: int32` integer. */
export const CRD_INT32_MAX = 2_147_483_647;

const HINT =
  'Use an ASN up to 2147483647, e.g. a 2-byte private ASN (64512-65534), or run a Kubernetes version that does not enforce int32 formats on CRDs (before 1.36); no Calico release known to egressc carries the CRD fix (projectcalico/calico#13979).';

export function checkAsnCrdInt32(spec: Spec, report: Report): void {
  const { clusters, transitGateway } = spec.spec;
  // The TGW ASN reaches Calico only as the asNumber of the clusters' BGPPeers.
  const tgwAsn = transitGateway.amazonSideAsn;
  const tgwValid = TGW_ASN_RANGES.some((range) => tgwAsn >= range.from && tgwAsn <= range.to);
  if (clusters.length > 0 && tgwValid && tgwAsn > CRD_INT32_MAX) {
    report({
      code: 'asn-exceeds-crd-int32',
      severity: 'warning',
      path: ['spec', 'transitGateway', 'amazonSideAsn'],
      message: `Amazon-side ASN ${tgwAsn} is above 2147483647: it is written as the asNumber of every cluster's BGPPeers, which Calico's CRD declares as int32, so Kubernetes 1.36+ refuses them.`,
      hint: HINT,
    });
  }
  clusters.forEach((cluster, c) => {
    const asn = cluster.asNumber;
    // Out-of-range ASNs are asn-range errors already.
    const valid = asn <= MAX_ASN && !RESERVED_ASNS.some((range) => asn >= range.from && asn <= range.to);
    if (!valid || asn <= CRD_INT32_MAX) return;
    report({
      code: 'asn-exceeds-crd-int32',
      severity: 'warning',
      path: ['spec', 'clusters', c, 'asNumber'],
      message: `Cluster "${cluster.name}" uses AS ${asn}, above 2147483647: its BGPConfiguration's asNumber is declared int32 by Calico's CRD, so Kubernetes 1.36+ refuses it.`,
      hint: HINT,
    });
  });
}
