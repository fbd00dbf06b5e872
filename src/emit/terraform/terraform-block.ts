// The terraform block of the module: versions only. The module configures no provider, so that a caller
// can use it with for_each, count, depends_on and `providers = { aws = aws.<alias> }` and pass its own
// credentials, assume_role and default_tags (a provider block inside would make it a legacy module).
import type { TerraformBuilder } from './builder.js';

/** Terraform 1.5 is the oldest release with everything the module uses (JSON syntax, for expressions). */
export const REQUIRED_TERRAFORM = '>= 1.5.0';
/**
 * What is verified: hashicorp/aws 5.100 by the real `terraform validate` and `plan` (test/terraform/
 * terraform-cli.test.ts), 6.x by the provider-schema data of 6.25.0 (test/terraform/schema.ts).
 * Every argument the module writes exists in both.
 */
export const REQUIRED_AWS_PROVIDER = '>= 5.100, < 7.0';

export const requiredProviders = { aws: { source: 'hashicorp/aws', version: REQUIRED_AWS_PROVIDER } };

export function emitTerraformBlock(builder: TerraformBuilder): void {
  builder.setBlock('versions.tf.json', 'terraform', { required_version: REQUIRED_TERRAFORM, required_providers: requiredProviders });
}
