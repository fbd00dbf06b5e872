// AWS name rules for the names egressc passes to AWS: the log destinations the spec names verbatim
// (S3 bucket, CloudWatch log group, Firehose delivery stream) and the rule group name egressc derives.
//
// Every other AWS name and tag egressc writes is built from DNS-1123 labels (at most 63 characters of
// [a-z0-9-]) and stays inside its limit whatever the spec says: firewall and policy names
// `<metadata>-<firewall>` are at most 127 characters (Network Firewall: 1-128 of [a-zA-Z0-9-]), the
// longest tag Name `<metadata>-<cluster>-<node>` 191 (tag values: 256), and descriptions are a few fixed
// words around two labels (TGW: 255, rule group: 512). The longest-legal-spec test writes them all.
import type { Topology } from '../model/types.js';
import { ruleGroupAwsName } from '../model/aws-names.js';
import type { Spec } from '../spec/schema.js';
import { shown } from './kubernetes-names.js';
import type { Report } from './context.js';

/** Network Firewall resource names (firewall, policy, rule group): 1-128 of [a-zA-Z0-9-] (Network Firewall API Reference, CreateRuleGroup RuleGroupName). */
export const NETWORK_FIREWALL_NAME_MAX = 128;

/**
 * Why a name cannot be a general purpose S3 bucket, or undefined (Amazon S3 User Guide, "General purpose
 * bucket naming rules"). A bucket created before March 2018 in us-east-1 may break these rules; AWS's
 * other services refuse such names too, so they are not accepted here either.
 */
export function s3BucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `it has ${name.length} characters (3 to 63)`;
  if (!/^[a-z0-9.-]+$/.test(name)) return 'only lower-case letters, digits, "." and "-" are allowed';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'it must begin and end with a letter or digit';
  if (name.includes('..')) return 'it has two adjacent periods';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return 'it is formatted as an IP address';
  for (const prefix of ['xn--', 'sthree-', 'amzn-s3-demo-']) if (name.startsWith(prefix)) return `the prefix "${prefix}" is reserved`;
  for (const suffix of ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3']) if (name.endsWith(suffix)) return `the suffix "${suffix}" is reserved`;
  return undefined;
}

/** CloudWatch Logs log group names: 1-512 of [.\-_/#A-Za-z0-9] (CloudWatch Logs API Reference, CreateLogGroup). */
export function logGroupNameProblem(name: string): string | undefined {
  if (name.length < 1 || name.length > 512) return `it has ${name.length} characters (1 to 512)`;
  if (!/^[.\-_/#A-Za-z0-9]+$/.test(name)) return 'only letters, digits, "_", "-", "/", "." and "#" are allowed';
  return undefined;
}

/** Firehose delivery stream names: 1-64 of [a-zA-Z0-9_.-] (Amazon Data Firehose API Reference, CreateDeliveryStream). */
export function deliveryStreamNameProblem(name: string): string | undefined {
  if (name.length < 1 || name.length > 64) return `it has ${name.length} characters (1 to 64)`;
  if (!/^[a-zA-Z0-9_.-]+$/.test(name)) return 'only letters, digits, "_", "." and "-" are allowed';
  return undefined;
}

export function checkAwsNames(spec: Spec, report: Report): void {
  const logging = spec.spec.firewall.logging;
  if (!logging) return;
  for (const kind of ['alert', 'flow'] as const) {
    const destination = logging[kind];
    if (!destination) continue;
    const at = ['spec', 'firewall', 'logging', kind];
    const [field, what, problem, hint] =
      destination.type === 's3'
        ? (['bucket', 'an S3 bucket name', s3BucketNameProblem(destination.bucket), 'Name the existing bucket exactly, e.g. my-firewall-logs (3-63 lower-case letters, digits, "." or "-").'] as const)
        : destination.type === 'cloudwatch'
          ? (['logGroup', 'a CloudWatch log group name', logGroupNameProblem(destination.logGroup), 'Name the log group exactly, e.g. /egressc/firewall/alert.'] as const)
          : (['deliveryStream', 'a Firehose delivery stream name', deliveryStreamNameProblem(destination.deliveryStream), 'Name the delivery stream exactly (1-64 letters, digits, "_", "." or "-").'] as const);
    if (!problem) continue;
    const value = destination.type === 's3' ? destination.bucket : destination.type === 'cloudwatch' ? destination.logGroup : destination.deliveryStream;
    report({
      code: 'aws-name-invalid',
      path: [...at, field],
      message: `${shown(value)} is not ${what}: ${problem}. AWS would refuse the firewall's logging configuration.`,
      hint,
    });
  }
}

/**
 * Over the resolved model: the rule group's AWS name `<metadata>-<group>-c<capacity>` carries the
 * capacity, known only after allocation. Reported at the rule group's name.
 */
export function checkAwsDerivedNames(model: Pick<Topology, 'name' | 'firewall'>, report: Report): void {
  const name = ruleGroupAwsName(model);
  if (name.length <= NETWORK_FIREWALL_NAME_MAX) return;
  const room = NETWORK_FIREWALL_NAME_MAX - (name.length - model.firewall.ruleGroup.name.length);
  report({
    code: 'aws-name-too-long',
    path: ['spec', 'firewall', 'ruleGroup', 'name'],
    message: `The rule group's AWS name "${name}" (metadata.name, the rule group name and the capacity) has ${name.length} characters; AWS Network Firewall allows ${NETWORK_FIREWALL_NAME_MAX}.`,
    hint: room > 0 ? `Shorten ruleGroup.name to at most ${room} characters, or shorten metadata.name.` : 'Shorten metadata.name.',
  });
}
