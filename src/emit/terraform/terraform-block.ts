// The terraform block (versions) and the provider configuration.
import type { TerraformBuilder } from './builder.js';

/** Terraform 1.5 is the oldest release with everything the module uses (JSON syntax, for expressions). */
export const REQUIRED_TERRAFORM = '>= 1.5.0';
/** The provider subset schema is hashicorp/aws 6.25.0; the module uses only 6.x arguments. */
export const REQUIRED_AWS_PROVIDER = '~> 6.0';

export function emitTerraformBlock(builder: TerraformBuilder): void {
  builder.setBlock('versions.tf.json', 'terraform', {
    required_version: REQUIRED_TERRAFORM,
    required_providers: { aws: { source: 'hashicorp/aws', version: REQUIRED_AWS_PROVIDER } },
  });
  builder.setBlock('versions.tf.json', 'provider', { aws: { region: builder.model.aws.region } });
}
