// Semantic checks over a shape-valid spec: all problems collected in one pass, sorted by position.
import type { Diagnostic } from '../diagnostics/types.js';
import type { Spec } from '../spec/schema.js';
import { sortByPosition } from '../diagnostics/sort.js';
import { checkAddressSyntax, checkInsidePool, checkOverlaps, checkTransitGatewayCidrs, checkVpcMembership } from './addresses.js';
import { checkAddressSanity } from './address-sanity.js';
import { checkAsns } from './asn.js';
import { checkAsnCrdInt32 } from './asn-crd-int32.js';
import { checkAwsNames } from './aws-names.js';
import { checkCalico } from './calico.js';
import { checkCapacity } from './capacity.js';
import { checkEgressClients } from './egress-clients.js';
import { collector, type CheckContext } from './context.js';
import { checkKubernetesNames } from './kubernetes-names.js';
import { checkPins } from './pins.js';
import { checkSuricataLimits } from './suricata-limits.js';
import { checkAllowPorts } from './ports.js';
import { checkDuplicateNames, checkReferences } from './references.js';
import { checkZones } from './zones.js';

export type { CheckContext } from './context.js';

const CHECKS = [
  checkAddressSyntax,
  checkOverlaps,
  checkTransitGatewayCidrs,
  checkInsidePool,
  checkVpcMembership,
  checkReferences,
  checkDuplicateNames,
  checkAsns,
  checkAsnCrdInt32,
  checkPins,
  checkAllowPorts,
  checkCalico,
  checkEgressClients,
  checkZones,
  checkAddressSanity,
  checkKubernetesNames,
  checkAwsNames,
  checkSuricataLimits,
  checkCapacity,
];

export function checkSpec(spec: Spec, context: CheckContext): Diagnostic[] {
  const { report, diagnostics } = collector(context);
  for (const check of CHECKS) check(spec, report);
  return sortByPosition(diagnostics);
}
