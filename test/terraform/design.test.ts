// The AWS design checks (design-checks.ts) on the hand-built models.
import { describe, expect, it } from 'vitest';
import { CRD_INT32_MAX } from '../../src/check/asn-crd-int32.js';
import { TGW_ASN_RANGES } from '../../src/check/aws-facts.js';
import { emitTerraform } from '../../src/emit/terraform/index.js';
import { HAND_BUILT } from './cases.js';
import { checkConnectPeers, checkDesign } from './design-checks.js';
import { readModule } from './module.js';

describe.each(HAND_BUILT)('AWS design of the $name model', ({ model }) => {
  const topology = model();
  const module = readModule(emitTerraform(topology).artifacts);
  it('encodes the TGW, the inspection design, the routes, GRE and the firewall', () => checkDesign(topology, module));
  it('agrees with the model and the tunnels on every Connect peer', () => checkConnectPeers(topology, module));
  // hand-built models skip the checker: their ASNs must still be what it accepts without a finding
  it('uses a TGW ASN the checker accepts (AWS range, Calico int32) and eBGP to every cluster', () => {
    const asn = topology.transitGateway.amazonSideAsn;
    expect(TGW_ASN_RANGES.some((range) => asn >= range.from && asn <= range.to)).toBe(true);
    expect(asn).toBeLessThanOrEqual(CRD_INT32_MAX);
    expect(topology.clusters.map((c) => c.asNumber)).not.toContain(asn);
  });
});
