import { describe, expect, it } from 'vitest';
import { findAnchors, GENERATIONS, patchBirdTemplate } from '../../src/render/calico/template-patch.js';
import { GO_STYLE_TEMPLATE, JSON_STYLE_TEMPLATE, readTemplate } from './support/topology.js';

const JSON_PATCHED = '{{- if and $data.directly_connected (ne (index (split $data.ip "169.254.") 0) "")}}';
const GO_PATCHED = '{{- if and .DirectlyConnected (ne (index (split .IP "169.254.") 0) "")}}';

/** The control-flow skeleton of a Go template: its if/else/range/end actions in order, conditions dropped. */
const skeleton = (text: string): string[] => [...text.matchAll(/\{\{-?\s*(if|else if|else|range|end)\b/g)].map((m) => m[1] ?? '');

/**
 * Go's strings.Split with a non-empty separator and JS String.prototype.split with a string separator
 * agree (all pieces, empty ones kept), so this is the patched condition's prefix test as confd runs it.
 */
const goesDirect = (directlyConnected: boolean, ip: string): boolean => directlyConnected && ip.split('169.254.')[0] !== '';

describe('patchBirdTemplate', () => {
  it('patches both decisions of the JSON-style stand-in and nothing else', () => {
    const upstream = readTemplate(JSON_STYLE_TEMPLATE);
    const outcome = patchBirdTemplate(upstream);
    if (!outcome.ok) throw new Error(outcome.problem);
    expect(outcome.generation).toBe('json-style');
    expect(outcome.anchors).toBe(2);
    expect(outcome.text.split(JSON_PATCHED).length - 1).toBe(2);
    expect(outcome.text).not.toContain('{{- if $data.directly_connected}}');
    // undoing exactly the condition change gives back the upstream text byte for byte
    expect(outcome.text.split(JSON_PATCHED).join('{{- if $data.directly_connected}}')).toBe(upstream);
    expect(skeleton(outcome.text)).toEqual(skeleton(upstream));
    // the decision still sits between the ttl security lines and the gateway line of each block
    expect(outcome.text).toContain(`  {{- end}}\n  ${JSON_PATCHED}\n  direct;\n  {{- else if $data.ttl_security}}\n  multihop {{$data.ttl_security}};\n  {{- else}}\n  multihop;\n  {{- end}}\n  gateway {{$data.gateway_mode}};`);
  });

  it('patches the single decision of the Go-driven stand-in', () => {
    const upstream = readTemplate(GO_STYLE_TEMPLATE);
    const outcome = patchBirdTemplate(upstream);
    if (!outcome.ok) throw new Error(outcome.problem);
    expect(outcome.generation).toBe('go-style');
    expect(outcome.anchors).toBe(1);
    expect(outcome.text.split(GO_PATCHED).length - 1).toBe(1);
    expect(outcome.text.replace(GO_PATCHED, '{{- if .DirectlyConnected}}')).toBe(upstream);
    expect(skeleton(outcome.text)).toEqual(skeleton(upstream));
  });

  it('sends 169.254/16 peers to multihop and keeps every other peer as before', () => {
    expect(goesDirect(true, '169.254.8.10')).toBe(false);
    expect(goesDirect(true, '169.254.0.1')).toBe(false);
    expect(goesDirect(true, '10.0.0.1')).toBe(true);
    expect(goesDirect(true, '10.169.254.1')).toBe(true);
    expect(goesDirect(true, '169.25.4.1')).toBe(true);
    expect(goesDirect(true, 'fd00::169:254')).toBe(true);
    expect(goesDirect(false, '10.0.0.1')).toBe(false);
    // the condition names only the peer's own address: no node, no peer list
    for (const rule of GENERATIONS) expect(rule.replacement).not.toMatch(/\d+\.\d+\.\d+\.\d+/);
  });

  it('refuses a template without the exact anchor, naming what it found', () => {
    const outcome = patchBirdTemplate(readTemplate('templates/no-anchor/bird.cfg.template'));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.reason).toBe('anchor-mismatch');
    expect(outcome.findings.anchors).toEqual({ 'json-style': 0, 'go-style': 0 });
    expect(outcome.findings.otherMentions['json-style']).toBe(1);
    expect(outcome.problem).toContain('json-style anchor "{{- if $data.directly_connected}}" found 0 time(s) (expected 2)');
    expect(outcome.problem).toContain('other mentions of directly_connected: 1');
  });

  it('refuses an unexpected number of anchors', () => {
    const outcome = patchBirdTemplate(readTemplate('templates/extra-anchor/bird.cfg.template'));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.findings.anchors['json-style']).toBe(3);
    expect(outcome.problem).toContain('found 3 time(s) (expected 2)');
  });

  it('refuses a single JSON-style anchor and a doubled Go-style one', () => {
    const single = patchBirdTemplate('{{- if $data.directly_connected}}\ndirect;\n{{- end}}\n');
    expect(single.ok).toBe(false);
    const go = readTemplate(GO_STYLE_TEMPLATE);
    const doubled = patchBirdTemplate(go + go);
    expect(doubled.ok).toBe(false);
    if (!doubled.ok) expect(doubled.problem).toContain('go-style anchor "{{- if .DirectlyConnected}}" found 2 time(s) (expected 1)');
  });

  it('refuses a template mixing both generations', () => {
    const mixed = readTemplate(JSON_STYLE_TEMPLATE) + readTemplate(GO_STYLE_TEMPLATE);
    const outcome = patchBirdTemplate(mixed);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.problem).toContain('anchors of both template generations are present');
  });

  it('refuses its own output', () => {
    const once = patchBirdTemplate(readTemplate(JSON_STYLE_TEMPLATE));
    if (!once.ok) throw new Error(once.problem);
    const twice = patchBirdTemplate(once.text);
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.reason).toBe('already-patched');
    expect(findAnchors(once.text).alreadyPatched).toBe(2);
  });
});
