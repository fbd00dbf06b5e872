// Collects the module's blocks file by file. One builder per emitter run (pure: no state outlives it).
// Name clashes (two spec objects mapping to one Terraform name) are collected, not thrown, so the
// checker can report them at each spec object (terraformNameClashes in index.ts, check/terraform-names.ts).
import type { Topology, Vpc } from '../../model/types.js';
import type { NameClash, NameOwner, NameSource } from '../../render/terraform/names.js';
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
  /** every owner of every address, in the order the module names them */
  private readonly owners = new Map<string, NameOwner[]>();

  constructor(readonly model: Topology) {}

  private document(file: TfFile): TfDocument {
    let document = this.documents.get(file);
    if (!document) {
      document = {};
      this.documents.set(file, document);
    }
    return document;
  }

  /**
   * Records that `address` stands for `owner`; true for the first owner (whose block is written). The same
   * owner may claim again (e.g. a VPC id variable every user of the id declares); another owner is a clash.
   */
  private claim(address: string, owner: NameOwner): boolean {
    const owners = this.owners.get(address);
    if (owners === undefined) {
      this.owners.set(address, [owner]);
      return true;
    }
    if (!owners.some((o) => o.what === owner.what)) owners.push(owner);
    return false;
  }

  /** Addresses that two or more spec objects map to; only the first owner's block is written. */
  get clashes(): NameClash[] {
    return [...this.owners].filter(([, owners]) => owners.length > 1).map(([address, owners]) => ({ address, owners }));
  }

  /** `owner` says which spec object the resource comes from, e.g. the route table of a route. */
  resource(file: TfFile, type: string, name: string, body: TfBody, owner: NameOwner): void {
    if (!this.claim(`${type}.${name}`, owner)) return;
    const resources = (this.document(file).resource ??= {});
    (resources[type] ??= {})[name] = body;
  }

  local(file: TfFile, name: string, value: TfValue, owner: NameOwner): void {
    if (!this.claim(`local.${name}`, owner)) return;
    (this.document(file).locals ??= {})[name] = value;
  }

  /** Output names are the module's own constants, not derived from spec names: a repeated one is a bug. */
  output(name: string, output: TfOutput): void {
    const outputs = (this.document('outputs.tf.json').output ??= {});
    if (name in outputs) throw new Error(`Terraform output ${name} written twice`);
    outputs[name] = output;
  }

  setBlock(file: TfFile, key: 'terraform', body: TfBody): void {
    this.document(file)[key] = body;
  }

  /**
   * An AWS id: the literal when the spec gives it, otherwise a reference to a (declared) string
   * variable, so the module can be applied against existing VPCs without editing generated files.
   */
  awsId(value: string | undefined, variable: string, description: string, source: NameSource): string {
    if (value !== undefined) return value;
    // "Id of the route table …." → "the id variable of the route table …"
    const what = `the id variable ${description.replace(/^Id /, '').replace(/\.$/, '')}`;
    if (this.claim(`var.${variable}`, { what, source })) {
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
