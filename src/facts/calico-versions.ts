// Which Calico release first has each feature egressc gates on, per edition. Every gate compares the
// version the spec names (edition, major.minor[.patch]; a missing patch counts as .0) against this
// table; there is no mapping between the Enterprise and open-source numbering.
import type { CalicoVersion } from '../model/types.js';
import type { ClusterSpec } from '../spec/schema.js';

export interface Release {
  major: number;
  minor: number;
  patch: number;
}

export interface FirstRelease {
  enterprise: Release;
  opensource: Release;
}

const release = (major: number, minor: number, patch = 0): Release => ({ major, minor, patch });

/** feature → first Calico Enterprise and first Calico open-source release that has it */
export const CALICO_FIRST_RELEASE = {
  // BGPFilter kind and BGPPeer `filters`.
  // opensource: v3.26.0, checked in the projectcalico/calico repository (the BGPFilter API type and CRD
  //   first appear in the v3.26.0 tag).
  // enterprise: 3.17 is the value egressc used before this table (CE minor = OSS minor − 9 would give 3.17);
  //   no release note confirms it. The versioned Calico Enterprise docs (tigera/docs,
  //   calico-enterprise_versioned_docs/version-3.16/reference/resources/bgpfilter.mdx) document BGPFilter
  //   already in 3.16 (no such page for 3.15), with rules that all need cidr and matchOperator; 3.17 is the
  //   first whose rules may omit them (bgpFilterRuleWithoutCidr below). With the 0.0.0.0/0 catch-all the
  //   emitter writes before that, 3.16 could be supported too; the floor is left at 3.17 until checked.
  bgpFilter: { enterprise: release(3, 17), opensource: release(3, 26) },
  // BGPFilter rule field `source: RemotePeers` (the rule then matches only routes learned from BGP peers,
  // not the node's own; confd renders it as a test of BIRD's route source against RTS_BGP).
  // opensource: v3.27.0, checked in the projectcalico/calico repository: the field is absent from the
  //   BGPFilterRuleV4 API type and CRD of every v3.26.x tag and present in v3.27.0 (commit 78fd8ab55a,
  //   "Add source to BGPFilter rules", first tag v3.27.0), together with confd's rendering of it
  //   (confd/pkg/resource/template/template_funcs.go, filterMatchSource).
  // enterprise: 3.17, from the versioned Calico Enterprise docs (tigera/docs,
  //   calico-enterprise_versioned_docs/version-3.17/reference/resources/bgpfilter.mdx documents `source`;
  //   the version-3.16 page has only cidr, matchOperator and action).
  bgpFilterSource: { enterprise: release(3, 17), opensource: release(3, 27) },
  // BGPFilter rules without `cidr` / `matchOperator` (egressc's final "reject everything else" rule).
  // opensource: v3.27.0, checked in the projectcalico/calico repository: the BGPFilter CRD of every
  //   v3.26.x tag lists `cidr` and `matchOperator` as required on every rule; v3.27.0 made them optional
  //   (the same commit 78fd8ab55a that added `source` and `interface`).
  // enterprise: 3.17, from the versioned Calico Enterprise docs: the 3.17 BGPFilter reference shows a rule
  //   with only `action`; 3.16's rules match by cidr and matchOperator.
  // Before it egressc writes the same rule as cidr 0.0.0.0/0, matchOperator In (every IPv4 route).
  bgpFilterRuleWithoutCidr: { enterprise: release(3, 17), opensource: release(3, 27) },
  // BGPPeer `nextHopMode` (Auto/Self/Keep), replacing the deprecated `keepOriginalNextHop`.
  // opensource: v3.30.2, checked in the projectcalico/calico repository (the field first appears in the
  //   BGPPeer API type and CRD of the v3.30.2 tag).
  // enterprise: 3.21, as stated in egressc issue 13 (Calico Enterprise 3.21 BGPPeer reference).
  nextHopMode: { enterprise: release(3, 21), opensource: release(3, 30, 2) },
  // The confd BIRD template generation calico-node ships: JSON-style up to OSS 3.31 / CE 3.22, Go-driven
  // from OSS 3.32 / CE 3.23 (projectcalico/calico confd templates per release line; kept from the
  // template checker's earlier notes, not re-verified release by release).
  goStyleTemplate: { enterprise: release(3, 23), opensource: release(3, 32) },
} as const satisfies Record<string, FirstRelease>;

export type GatedFeature = keyof typeof CALICO_FIRST_RELEASE;

/** The oldest release egressc writes for, per edition: the first with BGPFilter (see docs/calico.md). */
export const OLDEST_SUPPORTED = CALICO_FIRST_RELEASE.bgpFilter;

export function compareRelease(a: Release, b: Release): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** Whether `version` (of its edition) has `feature`, by the release table. */
export function hasFeature(version: CalicoVersion, feature: GatedFeature): boolean {
  const first = CALICO_FIRST_RELEASE[feature][version.edition];
  return compareRelease(releaseOf(version), first) >= 0;
}

export function releaseOf(version: CalicoVersion): Release {
  return release(version.major, version.minor, version.patch ?? 0);
}

export function formatRelease(r: Release): string {
  return r.patch === 0 ? `${r.major}.${r.minor}` : `${r.major}.${r.minor}.${r.patch}`;
}

export interface CalicoFeatures {
  /** EgressGateway, EgressGatewayPolicy, FelixConfiguration egressIP*: Calico Enterprise only, in every release egressc supports */
  egressGateways: boolean;
  bgpFilter: boolean;
  /** BGPFilter rules with `source: RemotePeers` */
  bgpFilterSource: boolean;
  /** BGPFilter rules with neither cidr nor matchOperator (else a catch-all rule needs cidr 0.0.0.0/0) */
  bgpFilterRuleWithoutCidr: boolean;
  /** BGPPeer.nextHopMode (else keepOriginalNextHop) */
  nextHopMode: boolean;
  /** whether the stock confd template has a "directly connected → direct" branch to patch (Enterprise's template) */
  directBranchInTemplate: boolean;
  /** the template generation this version is expected to ship */
  expectedTemplateGeneration: 'json-style' | 'go-style';
}

export function calicoFeatures(version: CalicoVersion): CalicoFeatures {
  const enterprise = version.edition === 'enterprise';
  return {
    egressGateways: enterprise,
    bgpFilter: hasFeature(version, 'bgpFilter'),
    bgpFilterSource: hasFeature(version, 'bgpFilterSource'),
    bgpFilterRuleWithoutCidr: hasFeature(version, 'bgpFilterRuleWithoutCidr'),
    nextHopMode: hasFeature(version, 'nextHopMode'),
    directBranchInTemplate: enterprise,
    expectedTemplateGeneration: hasFeature(version, 'goStyleTemplate') ? 'go-style' : 'json-style',
  };
}

export function parseCalicoVersion(calico: ClusterSpec['calico']): CalicoVersion {
  const [major, minor, patch] = calico.version.split('.').map(Number);
  return { edition: calico.edition, major: major!, minor: minor!, ...(patch !== undefined ? { patch } : {}), text: calico.version };
}
