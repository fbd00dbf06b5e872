// A preview of what `terraform apply` will do with the changed *.tf.json files: resources created,
// destroyed, and replaced because a replace-on-change argument differs. Pure.
import { FORCE_NEW } from './force-new.js';
import { compareText } from '../model/order.js';

export interface TerraformResource {
  /** "<type>.<name>" */
  address: string;
  type: string;
  body: unknown;
}

export interface AttributeChange {
  name: string;
  before: string;
  after: string;
}

export interface Replacement {
  address: string;
  type: string;
  changes: AttributeChange[];
}

export interface TerraformPlan {
  created: string[];
  destroyed: string[];
  replaced: Replacement[];
  /** changed in place (some other argument differs) */
  updated: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Resources of one Terraform JSON document; `resource` may be an object or an array of objects. */
export function terraformResources(text: string): TerraformResource[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return [];
  }
  if (!isRecord(doc)) return [];
  const blocks = Array.isArray(doc.resource) ? doc.resource : [doc.resource];
  const resources: TerraformResource[] = [];
  for (const block of blocks) {
    if (!isRecord(block)) continue;
    for (const [type, byName] of Object.entries(block)) {
      if (!isRecord(byName)) continue;
      for (const [name, body] of Object.entries(byName)) resources.push({ address: `${type}.${name}`, type, body });
    }
  }
  return resources;
}

/**
 * Values at a dotted path. A nested block may be written as an object or as an array of objects
 * (Terraform JSON allows both), so blocks are walked element by element and the leaves collected.
 */
function leavesAt(body: unknown, path: readonly string[]): unknown[] {
  if (path.length === 0) return [body];
  if (Array.isArray(body)) return body.flatMap((item) => leavesAt(item, path));
  if (!isRecord(body) || body[path[0]!] === undefined) return [];
  return leavesAt(body[path[0]!], path.slice(1));
}

function valueAt(body: unknown, name: string): string {
  const leaves = leavesAt(body, name.split('.'));
  if (leaves.length === 0) return '(unset)';
  return leaves.length === 1 ? canonical(leaves[0]) : `[${leaves.map(canonical).join(',')}]`;
}

/** Canonical text of a value; lists of plain values are compared as sets (Terraform set arguments). */
function canonical(value: unknown): string {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
    return JSON.stringify([...value].map(String).sort());
  }
  return JSON.stringify(value);
}

const sortedUnique = (items: Iterable<string>): string[] => [...new Set(items)].sort(compareText);

export function planTerraform(before: readonly TerraformResource[], after: readonly TerraformResource[]): TerraformPlan {
  const old = new Map(before.map((r) => [r.address, r]));
  const next = new Map(after.map((r) => [r.address, r]));
  const replaced: Replacement[] = [];
  const updated: string[] = [];
  for (const address of sortedUnique(next.keys())) {
    const was = old.get(address);
    const now = next.get(address)!;
    if (!was || JSON.stringify(was.body) === JSON.stringify(now.body)) continue;
    const changes = (FORCE_NEW[now.type] ?? [])
      .map((name) => ({ name, before: valueAt(was.body, name), after: valueAt(now.body, name) }))
      .filter((c) => c.before !== c.after);
    if (changes.length > 0) replaced.push({ address, type: now.type, changes });
    else updated.push(address);
  }
  return {
    created: sortedUnique([...next.keys()].filter((a) => !old.has(a))),
    destroyed: sortedUnique([...old.keys()].filter((a) => !next.has(a))),
    replaced,
    updated,
  };
}
