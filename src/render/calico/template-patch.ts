// The templatePatch multihop strategy: rewrite the confd BIRD template's "directly connected → direct"
// decision so that peers in 169.254.0.0/16 (TGW Connect peers) take the existing multihop branch and
// every other peer keeps its behaviour.
//
// The added condition tests the peer address itself, never a list of nodes or peers, so adding a node
// leaves the template (and so the ConfigMap, whose change rolls every calico-node pod) unchanged.
// confd's template functions have no hasPrefix (calico.md §1.5), so the prefix test is
//   index (split IP "169.254.") 0  ==  ""
// strings.Split always returns at least one element, so `index … 0` cannot fail, also not for an IPv6
// address in bird6.cfg.template (which then simply never matches).
//
// Both template generations are recognised by their exact anchor (calico.md §1.4-1.5):
//   JSON-style (CE ≤ 3.22): `{{- if $data.directly_connected}}`, twice (global and node-specific peers)
//   Go-driven  (CE ≥ 3.23): `{{- if .DirectlyConnected}}`, once (the single peer loop)
// Anything else is refused: a half-patched template would silently leave some TGW peers on `direct`.

export type TemplateGeneration = 'json-style' | 'go-style';

interface GenerationRule {
  generation: TemplateGeneration;
  anchor: string;
  replacement: string;
  expected: number;
  /** what an unrelated mention of the field looks like, to report near misses */
  field: string;
}

const notLinkLocal = (ip: string): string => `(ne (index (split ${ip} "169.254.") 0) "")`;

export const GENERATIONS: readonly GenerationRule[] = [
  {
    generation: 'json-style',
    anchor: '{{- if $data.directly_connected}}',
    replacement: `{{- if and $data.directly_connected ${notLinkLocal('$data.ip')}}}`,
    expected: 2,
    field: 'directly_connected',
  },
  {
    generation: 'go-style',
    anchor: '{{- if .DirectlyConnected}}',
    replacement: `{{- if and .DirectlyConnected ${notLinkLocal('.IP')}}}`,
    expected: 1,
    field: 'DirectlyConnected',
  },
];

const PATCH_MARKER = '"169.254.")';

export const PATCH_DESCRIPTION =
  'directly connected peers render `direct` only when their IP is outside 169.254.0.0/16; TGW Connect peers (169.254.0.0/16) take the multihop branch';

const count = (text: string, needle: string): number => text.split(needle).length - 1;

export interface AnchorFindings {
  /** exact anchor occurrences per generation */
  anchors: Record<TemplateGeneration, number>;
  /** mentions of the decision field that are not the exact anchor (e.g. reformatted) */
  otherMentions: Record<TemplateGeneration, number>;
  /** occurrences of egressc's own patched condition */
  alreadyPatched: number;
}

export function findAnchors(text: string): AnchorFindings {
  const anchors = { 'json-style': 0, 'go-style': 0 };
  const otherMentions = { 'json-style': 0, 'go-style': 0 };
  for (const rule of GENERATIONS) {
    anchors[rule.generation] = count(text, rule.anchor);
    otherMentions[rule.generation] = count(text, rule.field) - anchors[rule.generation];
  }
  return { anchors, otherMentions, alreadyPatched: count(text, PATCH_MARKER) };
}

export type PatchOutcome =
  | { ok: true; text: string; generation: TemplateGeneration; anchors: number }
  | { ok: false; reason: 'already-patched' | 'anchor-mismatch'; problem: string; findings: AnchorFindings };

function describeFindings(findings: AnchorFindings): string {
  return GENERATIONS.map(
    (rule) =>
      `${rule.generation} anchor "${rule.anchor}" found ${findings.anchors[rule.generation]} time(s) (expected ${rule.expected}), other mentions of ${rule.field}: ${findings.otherMentions[rule.generation]}`,
  ).join('; ');
}

/** Patches the template text, or explains why not. Never returns a partially patched text. */
export function patchBirdTemplate(text: string): PatchOutcome {
  const findings = findAnchors(text);
  if (findings.alreadyPatched > 0) {
    return {
      ok: false,
      reason: 'already-patched',
      problem: `the template already contains egressc's patched condition ${findings.alreadyPatched} time(s)`,
      findings,
    };
  }
  const present = GENERATIONS.filter((rule) => findings.anchors[rule.generation] > 0);
  const [rule] = present;
  if (present.length !== 1 || !rule || findings.anchors[rule.generation] !== rule.expected) {
    const what = present.length > 1 ? 'anchors of both template generations are present' : 'the anchors are not as expected';
    return { ok: false, reason: 'anchor-mismatch', problem: `${what}: ${describeFindings(findings)}`, findings };
  }
  return { ok: true, text: text.split(rule.anchor).join(rule.replacement), generation: rule.generation, anchors: rule.expected };
}
