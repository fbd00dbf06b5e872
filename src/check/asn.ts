// BGP AS numbers: the TGW's within AWS's ranges, the clusters' usable, and eBGP between them.
import type { Spec } from '../spec/schema.js';
import { MAX_ASN, RESERVED_ASNS, TGW_ASN_RANGES, type AsnRange } from './aws-facts.js';
import type { Report } from './context.js';

const inRange = (asn: number, range: AsnRange) => asn >= range.from && asn <= range.to;
const showRanges = (ranges: readonly AsnRange[]) => ranges.map((r) => `${r.from}-${r.to}`).join(' or ');

export function checkAsns(spec: Spec, report: Report): void {
  const tgwAsn = spec.spec.transitGateway.amazonSideAsn;
  if (!TGW_ASN_RANGES.some((range) => inRange(tgwAsn, range))) {
    report({
      code: 'asn-range',
      path: ['spec', 'transitGateway', 'amazonSideAsn'],
      message: `Amazon-side ASN ${tgwAsn} is outside the ranges AWS accepts for a Transit Gateway (${showRanges(TGW_ASN_RANGES)}).`,
      hint: 'Use a private ASN such as 64512 (the AWS default) or one from 4200000000-4294967294.',
    });
  }
  spec.spec.clusters.forEach((cluster, c) => {
    const path = ['spec', 'clusters', c, 'asNumber'];
    const asn = cluster.asNumber;
    const reserved = RESERVED_ASNS.find((range) => inRange(asn, range));
    if (asn < 0 || asn > MAX_ASN || reserved) {
      report({
        code: 'asn-range',
        path,
        message: `Cluster "${cluster.name}" uses AS ${asn}, which no BGP speaker may use: ${reserved ? reserved.why : `valid ASNs are 1-${MAX_ASN}`}.`,
        hint: 'Use an ASN you own or a private one (64512-65534 or 4200000000-4294967294) that differs from the Transit Gateway\'s.',
      });
      return;
    }
    if (asn === tgwAsn) {
      report({
        code: 'ibgp-refused',
        path,
        message: `Cluster "${cluster.name}" uses AS ${asn}, the Transit Gateway's own ASN: that makes the sessions iBGP.`,
        hint:
          'Over iBGP the Transit Gateway only accepts routes that carry a non-empty AS_PATH, and Calico announces its egress pools with an empty one (it does not prepend an ASN), so the routes would be ignored. Pick a different private ASN, e.g. 64600, for eBGP.',
      });
    }
  });
}
