// Which fields the targeted Calico version has. Field availability is tracked against the open-source
// release line; Calico Enterprise releases are mapped onto it.
//
// Mapping (calico.md §1.4, from Tigera's release notes): CE 3.21 is based on OSS 3.30, CE 3.22 on
// OSS 3.31, CE 3.23 on OSS 3.32, i.e. OSS minor = CE minor + 9. Older CE releases are mapped with the
// same offset, which is an approximation (not verified release by release).
//
// Field drift (calico.md §3.1, OSS CRDs): BGPPeer `filters` (and the BGPFilter kind) by 3.26,
// `nextHopMode` from 3.31 (before that only the deprecated `keepOriginalNextHop`).
// JSON-style confd template up to OSS 3.31 / CE 3.22, Go-driven from OSS 3.32 / CE 3.23.
import type { CalicoVersion } from '../model/types.js';
import type { ClusterSpec } from '../spec/schema.js';

export const ENTERPRISE_TO_OSS_MINOR_OFFSET = 9;

export interface CalicoFeatures {
  /** the release line this version's Calico API corresponds to (OSS minor) */
  ossMinor: number;
  /** EgressGateway, EgressGatewayPolicy, FelixConfiguration egressIP* */
  egressGateways: boolean;
  bgpFilter: boolean;
  /** BGPPeer.nextHopMode (else keepOriginalNextHop) */
  nextHopMode: boolean;
  /** whether the stock confd template has a "directly connected → direct" branch to patch */
  directBranchInTemplate: boolean;
  /** the template generation this version is expected to ship */
  expectedTemplateGeneration: 'json-style' | 'go-style';
}

export function calicoFeatures(version: CalicoVersion): CalicoFeatures {
  const enterprise = version.edition === 'enterprise';
  const ossMinor = enterprise ? version.minor + ENTERPRISE_TO_OSS_MINOR_OFFSET : version.minor;
  return {
    ossMinor,
    egressGateways: enterprise,
    bgpFilter: ossMinor >= 26,
    nextHopMode: ossMinor >= 31,
    directBranchInTemplate: enterprise,
    expectedTemplateGeneration: ossMinor >= 32 ? 'go-style' : 'json-style',
  };
}

export function parseCalicoVersion(calico: ClusterSpec['calico']): CalicoVersion {
  const [major, minor, patch] = calico.version.split('.').map(Number);
  return { edition: calico.edition, major: major!, minor: minor!, ...(patch !== undefined ? { patch } : {}), text: calico.version };
}
