// AWS Network Firewall in the inspection VPC: the stateful rule group (rules, variables and the policy's
// stateful default actions come from the one shared module, src/emit/firewall/rules-text.ts), the policy, the firewall with one subnet mapping per
// AZ, the per-AZ endpoint lookup the inspection routes use, and the optional logging configuration.
import type { LogDestination, Topology } from '../../model/types.js';
import { renderRulesString, ruleVariables, statefulDefaultActions } from '../../render/firewall/rules-text.js';
import type { TerraformBuilder } from './builder.js';
import { vpcIdExpression } from './attachments.js';
import { localRef, resourceRef, templateLiteral, type TfBody, type TfValue } from './json.js';
import { awsName, ruleGroupAwsName } from '../../model/aws-names.js';
import { NAMES, VARIABLES, type NameSource } from '../../render/terraform/names.js';
import { TF } from '../../render/terraform/types.js';

const FIREWALL: NameSource = { kind: 'firewall' };

/** Stateless engine: hand every packet and fragment to the stateful engine. */
export const FORWARD_TO_STATEFUL = 'aws:forward_to_sfe';
/** Priority of the module's rule group in the policy (STRICT_ORDER: lowest first; there is one group). */
export const RULE_GROUP_PRIORITY = 1;


const sortedEntries = <T>(record: Record<string, T>): [string, T][] =>
  Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function ruleGroupBody(model: Topology): TfBody {
  const { firewall } = model;
  const variables = ruleVariables(firewall);
  const ruleVariablesBlock: TfBody = {
    ip_sets: sortedEntries(variables.ipSets).map(([key, definition]) => ({ key, ip_set: { definition: [...definition] } })),
  };
  const portSets = sortedEntries(variables.portSets);
  if (portSets.length > 0) ruleVariablesBlock.port_sets = portSets.map(([key, definition]) => ({ key, port_set: { definition: [...definition] } }));
  return {
    name: ruleGroupAwsName(model),
    description: `egressc ${model.name}: egress gateway rules of firewall ${firewall.name}`,
    type: 'STATEFUL',
    capacity: firewall.ruleGroup.capacity,
    rule_group: {
      rule_variables: ruleVariablesBlock,
      // the rules string is a template in Terraform JSON; nothing in it may interpolate
      rules_source: { rules_string: templateLiteral(renderRulesString(firewall)) },
      stateful_rule_options: { rule_order: firewall.ruleOrder },
    },
    tags: { Name: ruleGroupAwsName(model) },
    lifecycle: { create_before_destroy: true },
  };
}

function policyBody(model: Topology): TfBody {
  const { firewall } = model;
  const homeNet = ruleVariables(firewall).ipSets.HOME_NET ?? [];
  const policy: TfBody = {
    stateless_default_actions: [FORWARD_TO_STATEFUL],
    stateless_fragment_default_actions: [FORWARD_TO_STATEFUL],
  };
  const defaults = statefulDefaultActions(firewall);
  if (defaults.length > 0) policy.stateful_default_actions = defaults;
  policy.stateful_engine_options = { rule_order: firewall.ruleOrder };
  policy.stateful_rule_group_reference = [
    { resource_arn: resourceRef(TF.ruleGroup, NAMES.ruleGroup(firewall.ruleGroup.name), 'arn'), priority: RULE_GROUP_PRIORITY },
  ];
  // AWS defaults HOME_NET to the inspection VPC's CIDR; with a central firewall it must cover the spokes.
  policy.policy_variables = { rule_variables: [{ key: 'HOME_NET', ip_set: { definition: [...homeNet] } }] };
  return {
    name: awsName(model.name, firewall.name),
    description: `egressc ${model.name}: policy of firewall ${firewall.name}`,
    firewall_policy: policy,
    tags: { Name: awsName(model.name, firewall.name) },
  };
}

/** log_destination map and log_destination_type of one destination (Network Firewall API spelling). */
function logDestination(destination: LogDestination): { log_destination: Record<string, string>; log_destination_type: string } {
  switch (destination.type) {
    case 's3':
      return {
        log_destination:
          destination.prefix !== undefined
            ? { bucketName: templateLiteral(destination.bucket), prefix: templateLiteral(destination.prefix) }
            : { bucketName: templateLiteral(destination.bucket) },
        log_destination_type: 'S3',
      };
    case 'cloudwatch':
      return { log_destination: { logGroup: templateLiteral(destination.logGroup) }, log_destination_type: 'CloudWatchLogs' };
    case 'firehose':
      return { log_destination: { deliveryStream: templateLiteral(destination.deliveryStream) }, log_destination_type: 'KinesisDataFirehose' };
  }
}

function emitLogging(builder: TerraformBuilder, firewallName: string): void {
  const { logging, name } = builder.model.firewall;
  const configs: TfValue[] = [];
  if (logging.alert) configs.push({ ...logDestination(logging.alert), log_type: 'ALERT' });
  if (logging.flow) configs.push({ ...logDestination(logging.flow), log_type: 'FLOW' });
  if (configs.length === 0) return;
  builder.resource(
    'firewall.tf.json',
    TF.logging,
    NAMES.firewall(name),
    { firewall_arn: resourceRef(TF.firewall, firewallName, 'arn'), logging_configuration: { log_destination_config: configs } },
    { what: `the logging of firewall ${name}`, source: FIREWALL },
  );
}

/**
 * The firewall endpoint id of one AZ. firewall_status[0].sync_states is a set (no index), so a local
 * turns it into a map keyed by availability zone.
 */
export const firewallEndpointId = (builder: TerraformBuilder, availabilityZone: string): string =>
  `\${local.${NAMES.firewallEndpoints(builder.model.firewall.name)}[${JSON.stringify(availabilityZone)}]}`;

export function firewallEndpointsLocal(builder: TerraformBuilder): string {
  return localRef(NAMES.firewallEndpoints(builder.model.firewall.name));
}

export function emitFirewall(builder: TerraformBuilder): void {
  const { model } = builder;
  const { firewall } = model;
  const inspection = builder.vpc(firewall.vpc);
  if (inspection.role !== 'inspection') throw new Error(`resolved model: firewall VPC ${firewall.vpc} is not the inspection VPC`);
  const firewallName = NAMES.firewall(firewall.name);

  builder.resource('firewall.tf.json', TF.ruleGroup, NAMES.ruleGroup(firewall.ruleGroup.name), ruleGroupBody(model), {
    what: `the rule group ${firewall.ruleGroup.name}`,
    source: { kind: 'ruleGroup' },
  });
  builder.resource('firewall.tf.json', TF.firewallPolicy, NAMES.firewallPolicy(firewall.name), policyBody(model), {
    what: `the policy of firewall ${firewall.name}`,
    source: FIREWALL,
  });
  builder.resource(
    'firewall.tf.json',
    TF.firewall,
    firewallName,
    {
      name: awsName(model.name, firewall.name),
      description: `egressc ${model.name}: central inspection of egress gateway traffic`,
      firewall_policy_arn: resourceRef(TF.firewallPolicy, NAMES.firewallPolicy(firewall.name), 'arn'),
      vpc_id: vpcIdExpression(builder, inspection),
      subnet_mapping: inspection.zones.map((zone) => ({
        subnet_id: builder.awsId(
          zone.firewallSubnet.subnetId,
          VARIABLES.inspectionSubnetId(inspection.name, zone.availabilityZone, 'firewall_subnet'),
          `Id of the firewall subnet in ${zone.availabilityZone} of the inspection VPC "${inspection.name}".`,
          { kind: 'zone', vpc: inspection.name, zone: zone.availabilityZone },
        ),
      })),
      tags: { Name: awsName(model.name, firewall.name) },
    },
    { what: `the firewall ${firewall.name}`, source: FIREWALL },
  );
  builder.local(
    'firewall.tf.json',
    NAMES.firewallEndpoints(firewall.name),
    `\${{ for state in ${TF.firewall}.${firewallName}.firewall_status[0].sync_states : state.availability_zone => state.attachment[0].endpoint_id }}`,
    { what: `the endpoint ids of firewall ${firewall.name}`, source: FIREWALL },
  );
  emitLogging(builder, firewallName);
}
