// BGPFilter function names in peers.conf are shortened exactly as calico-node's confd shortens them, so a
// long Transit Gateway name gives a file that BIRD accepts (and that matches the running node's config).
import { describe, expect, it } from 'vitest';
import { emitBirdPeers } from '../../src/emit/bird/index.js';
import { BIRD_SYMBOL_MAX_LENGTH, bgpFilterFunctionName, truncateAndHash } from '../../src/render/calico/names.js';
import { itWithTools } from '../support/real-tools.js';
import { handBuiltTopology } from '../calico/support/topology.js';
import { birdParse } from './bird-parse.js';

const itBird = itWithTools(['bird']);

describe("calico-node's BIRD filter function names", () => {
  // Facts from projectcalico/calico confd/tests/mock_data/calicoctl/bgpfilter/filter_names (inputs) and
  // confd/tests/compiled_templates/bgpfilter/filter_names/bird.cfg (what confd renders for them).
  const CONFD_VECTORS: readonly (readonly [filter: string, importFunction: string, exportFunction: string])[] = [
    ['45characters.exactly.so.should.not.truncate-1', 'bgp_45characters.exactly.so.should.not.truncate-1_importFilterV4', 'bgp_45characters.exactly.so.should.not.truncate-1_exportFilterV4'],
    ['46characters.exactly.so.should.truncate-123456', 'bgp_46characters.exactly.so.shou_9615CBDC00BAC628_importFilterV4', 'bgp_46characters.exactly.so.shou_9615CBDC00BAC628_exportFilterV4'],
    [
      'greater-than-64-characters.so.this.should.definitely.truncate-1234567890',
      'bgp_greater-than-64-characters.s_4C5DB3273E544641_importFilterV4',
      'bgp_greater-than-64-characters.s_4C5DB3273E544641_exportFilterV4',
    ],
  ];

  it.each(CONFD_VECTORS)('%s renders as confd renders it', (filter, importFunction, exportFunction) => {
    expect(bgpFilterFunctionName(filter, 'import')).toBe(importFunction);
    expect(bgpFilterFunctionName(filter, 'export')).toBe(exportFunction);
  });

  it('keeps names that fit whole and never exceeds the BIRD limit', () => {
    expect(bgpFilterFunctionName('tgw-central', 'import')).toBe('bgp_tgw-central_importFilterV4');
    for (let length = 1; length <= 253; length++) {
      const name = 'a'.repeat(length);
      const symbol = bgpFilterFunctionName(name, 'export');
      expect(symbol.length).toBeLessThanOrEqual(BIRD_SYMBOL_MAX_LENGTH);
      expect(symbol.includes(name)).toBe(length <= 45);
    }
    expect(truncateAndHash('a'.repeat(46), 45)).not.toBe(truncateAndHash(`${'a'.repeat(45)}b`, 45));
  });
});

describe('peers.conf with the longest Transit Gateway name', () => {
  const model = handBuiltTopology();
  model.transitGateway.name = `t${'x'.repeat(61)}9`;
  const texts = emitBirdPeers(model).artifacts.map((a) => a.content);

  it('calls and defines the shortened functions', () => {
    const longest = bgpFilterFunctionName(`tgw-${model.transitGateway.name}`, 'import');
    expect(longest).toHaveLength(BIRD_SYMBOL_MAX_LENGTH);
    for (const text of texts) {
      expect(text).toContain(`function '${longest}'()`);
      expect(text).toContain(`import filter { '${longest}'(); };`);
    }
  });

  itBird('passes bird -p; the whole name would not (the check can fail)', () => {
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(birdParse(text)).toEqual({ ok: true, output: '' });
    const whole = `bgp_tgw-${model.transitGateway.name}_importFilterV4`;
    const unshortened = texts[0]!.replaceAll(bgpFilterFunctionName(`tgw-${model.transitGateway.name}`, 'import'), whole);
    expect(birdParse(unshortened).output).toContain('Symbol too long');
  });
});
