// AWS names derived from spec names, shared by the Terraform emitter (which writes them) and the checks
// (which hold them to AWS's limits), so both see the same string.
import type { Topology } from './types.js';

/** Name of an AWS object (tag Name, firewall name): the spec's metadata.name prefixes every AWS name. */
export const awsName = (topologyName: string, ...parts: readonly string[]): string => [topologyName, ...parts].join('-');

/**
 * AWS name of the rule group. Capacity (and rule order) force replacement, and create_before_destroy
 * creates the new group before deleting the old one, so the name carries the capacity: otherwise the new
 * group would clash with the old one's name.
 */
export const ruleGroupAwsName = (model: Pick<Topology, 'name' | 'firewall'>): string =>
  awsName(model.name, model.firewall.ruleGroup.name, `c${model.firewall.ruleGroup.capacity}`);
