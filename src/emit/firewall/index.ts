// DIR/firewall/<rule-group>.rules: a header saying what the file is, then the rules string AWS receives
// (byte-identical to the Terraform rule group's). The checker (src/check/firewall) lints the same text.
import type { Emitter } from '../types.js';
import { rulesFileHeader } from '../../render/firewall/rules-header.js';
import { renderRulesString, ruleVariables } from '../../render/firewall/rules-text.js';

export const emitFirewall: Emitter = (model) => {
  const { firewall } = model;
  const rulesText = renderRulesString(firewall);
  const variables = ruleVariables(firewall);
  const content = [...rulesFileHeader(model, variables), rulesText].join('\n');
  return {
    artifacts: [{ path: `firewall/${firewall.ruleGroup.name}.rules`, content, mode: 0o644 }],
  };
};
