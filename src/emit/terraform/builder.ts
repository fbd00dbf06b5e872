// Collects the module's blocks file by file. One builder per emitter run (pure: no state outlives it).
// Name clashes (two spec objects mapping to one Terraform name) are collected, not thrown, so the
// checker can report them (terraformNameClashes in index.ts, check/terraform-names.ts).
import type { Topology, Vpc } from '../../model/types.js';
import type { TfBody, TfDocument, TfOutput, TfValue, TfVariable } from './json.js';
import { variableRef } from './json.js';

/** The *.tf.json files of the module (paths relative to the terraform/ directory). */
export type TfFile =
  | 'versions.tf.json'
  | 'variables.tf.json'
  | 'transit-gateway.tf.json'
  | 'routing.tf.json'
  | 'security.tf.json'
  | 'firewall.tf.json'
  | 'outputs.tf.json';

export class TerraformBuilder {
  readonly documents = new Map<TfFile, TfDocument>();
  readonly clashes: string[] = [];
  private readonly owners = new Map<string, string>();

  constructor(readonly model: Topology) {}

  private document(file: TfFile): TfDocument {
    let document = this.documents.get(file);
    if (!document) {
      document = {};
      this.documents.set(file, document);
    }
    return document;
  }

  /** Records that `address` stands for `owner`; a second, different owner is a clash. */
  private claim(address: string, owner: string): boolean {
    const previous = this.owners.get(address);
    if (previous === undefined) {
      this.owners.set(address, owner);
      return true;
    }
    if (previous !== owner) this.clashes.push(`${address} (${previous} / ${owner})`);
    return false;
  }

  /** `owner` describes the spec object (for clash messages), e.g. "route table nodes of VPC cluster". */
  resource(file: TfFile, type: string, name: string, body: TfBody, owner: string): void {
    if (!this.claim(`${type}.${name}`, owner)) return;
    const resources = (this.document(file).resource ??= {});
    (resources[type] ??= {})[name] = body;
  }

  local(file: TfFile, name: string, value: TfValue, owner: string): void {
    if (!this.claim(`local.${name}`, owner)) return;
    (this.document(file).locals ??= {})[name] = value;
  }

  output(name: string, output: TfOutput, owner: string): void {
    if (!this.claim(`output.${name}`, owner)) return;
    (this.document('outputs.tf.json').output ??= {})[name] = output;
  }

  setBlock(file: TfFile, key: 'terraform', body: TfBody): void {
    this.document(file)[key] = body;
  }

  /**
   * An AWS id: the literal when the spec gives it, otherwise a reference to a (declared) string
   * variable, so the module can be applied against existing VPCs without editing generated files.
   */
  awsId(value: string | undefined, variable: string, description: string): string {
    if (value !== undefined) return value;
    if (this.claim(`var.${variable}`, description)) {
      const declared: TfVariable = { type: 'string', description };
      (this.document('variables.tf.json').variable ??= {})[variable] = declared;
    }
    return variableRef(variable);
  }

  vpc(name: string): Vpc {
    const vpc = this.model.vpcs.find((v) => v.name === name);
    // modelProblems() ran before any module asks
    if (!vpc) throw new Error(`resolved model references unknown VPC ${name}`);
    return vpc;
  }
}
