// Terraform itself, offline: the machine's `terraform` binary and a filesystem mirror of the
// hashicorp/aws provider (CI has both; .ci/install-tools.sh says where they come from). A workspace of
// the test's own: a CLI config file whose only provider source is the mirror (no network), no plugin
// cache, TF_DATA_DIR in a temporary folder, every command bounded in time.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toolPath } from '../support/real-tools.js';

/** The mirror the machine image carries (override: EGRESSC_TF_PROVIDER_MIRROR). */
export const PROVIDER_MIRROR = process.env.EGRESSC_TF_PROVIDER_MIRROR ?? '/opt/tf-plugins';
const AWS_PROVIDER_DIR = join(PROVIDER_MIRROR, 'registry.terraform.io', 'hashicorp', 'aws');

/** Versions of hashicorp/aws in the mirror (unpacked layout: <version>/<os>_<arch>/terraform-provider-aws_*). */
export function mirroredAwsVersions(): string[] {
  if (!existsSync(AWS_PROVIDER_DIR)) return [];
  return readdirSync(AWS_PROVIDER_DIR).filter((version) => {
    const platform = join(AWS_PROVIDER_DIR, version, 'linux_amd64');
    return existsSync(platform) && readdirSync(platform).some((file) => file.startsWith('terraform-provider-aws_'));
  });
}

/** What is missing to run Terraform here, as real-tools.ts reports it. */
export function missingTerraform(): string[] {
  const missing: string[] = [];
  if (!toolPath('terraform')) missing.push('terraform');
  if (mirroredAwsVersions().length === 0) missing.push(`hashicorp/aws provider mirror in ${PROVIDER_MIRROR}`);
  return missing;
}

/** Provider settings that let `plan` run with fake credentials and no AWS endpoint. */
export const OFFLINE_PROVIDER = {
  access_key: 'AKIAEGRESSCFAKEKEY00',
  secret_key: 'egressc-fake-secret-key',
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: true,
  skip_region_validation: true,
};

const COMMAND_TIMEOUT_MS = 300_000;

export class TerraformWorkspace {
  readonly env: NodeJS.ProcessEnv;

  constructor(readonly dir: string) {
    mkdirSync(join(dir, 'data'), { recursive: true });
    const config = join(dir, 'terraform.tfrc');
    writeFileSync(
      config,
      [
        'provider_installation {',
        '  filesystem_mirror {',
        `    path    = ${JSON.stringify(PROVIDER_MIRROR)}`,
        '    include = ["registry.terraform.io/hashicorp/aws"]',
        '  }',
        '  direct {',
        '    exclude = ["*/*/*"]',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const key of Object.keys(env)) if (key.startsWith('TF_') || key.startsWith('AWS_')) delete env[key];
    this.env = {
      ...env,
      TF_CLI_CONFIG_FILE: config,
      TF_DATA_DIR: join(dir, 'data'),
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      CHECKPOINT_DISABLE: '1',
      HOME: dir,
    };
  }

  /** Runs `terraform -chdir=<configDir> args…`; rejects with Terraform's own words on failure or after the time limit. */
  run(configDir: string, args: readonly string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn('terraform', [`-chdir=${configDir}`, ...args, '-no-color'], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      const timer = setTimeout(() => child.kill('SIGKILL'), COMMAND_TIMEOUT_MS);
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`terraform ${args.join(' ')}: ${error.message}`));
      });
      child.on('close', (status, signal) => {
        clearTimeout(timer);
        const stdout = Buffer.concat(out).toString('utf8');
        if (status === 0) resolve(stdout);
        else reject(new Error(`terraform ${args.join(' ')} ended (${signal ?? `exit ${String(status)}`}):\n${Buffer.concat(err).toString('utf8')}\n${stdout}`));
      });
    });
  }
}

// ---- the parts of `terraform show -json` the tests read ----

export interface PlannedResource {
  address: string;
  type: string;
  name: string;
  values: Record<string, unknown>;
}

interface PlannedModule {
  address?: string;
  resources?: PlannedResource[];
  child_modules?: PlannedModule[];
}

interface ConfigResource {
  address: string;
  type: string;
  name: string;
  provider_config_key?: string;
  expressions: Record<string, { references?: string[] }>;
}

export interface PlanJson {
  planned_values: { root_module: PlannedModule };
  resource_changes: { address: string; module_address?: string; change: { actions: string[] } }[];
  configuration: {
    provider_config?: Record<string, { name: string; alias?: string }>;
    root_module: { module_calls?: Record<string, { source: string; for_each_expression?: unknown; module: { resources?: ConfigResource[] } }> };
  };
}

/** One module instance of a plan: planned values and configuration references by in-module address ("type.name"). */
export interface PlannedInstance {
  resources: Map<string, PlannedResource>;
  config: Map<string, ConfigResource>;
}

export function plannedInstance(plan: PlanJson, call: string, key: string): PlannedInstance {
  const address = `module.${call}[${JSON.stringify(key)}]`;
  const module = plan.planned_values.root_module.child_modules?.find((m) => m.address === address);
  if (!module) throw new Error(`plan has no module instance ${address}`);
  const resources = new Map((module.resources ?? []).map((r) => [`${r.type}.${r.name}`, r]));
  const config = new Map((plan.configuration.root_module.module_calls?.[call]?.module.resources ?? []).map((r) => [r.address, r]));
  return { resources, config };
}

/** The in-module resource ("type.name") an argument refers to, from the plan's configuration. */
export function referencedResource(instance: PlannedInstance, address: string, argument: string): string {
  const references = instance.config.get(address)?.expressions[argument]?.references ?? [];
  const resource = references.find((reference) => reference.split('.').length === 2);
  if (!resource) throw new Error(`${address}.${argument} refers to no resource (${references.join(', ')})`);
  return resource;
}
