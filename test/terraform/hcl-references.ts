// A small reader for the `${…}` expressions the Terraform emitter writes: it finds every traversal
// (var.x, local.y["k"], aws_type.name.attr[0].nested, for-expression variables) and checks it against the
// module's declarations and the provider schema (aws-provider-subset.json). Deliberately strict: an
// expression form it does not understand is an error, not a pass.
import { readFileSync } from 'node:fs';
import { schemaDataPath } from '../support/shared.js';

type SchemaType = string | [string, unknown];
interface SchemaAttribute {
  type: SchemaType;
}
interface SchemaBlock {
  nesting: 'single' | 'list' | 'set';
  max?: number;
  attributes: Record<string, SchemaAttribute>;
  blocks: Record<string, SchemaBlock>;
}
interface ProviderSubset {
  resources: Record<string, { attributes: Record<string, SchemaAttribute>; blocks: Record<string, SchemaBlock> }>;
}

export const PROVIDER_SUBSET = JSON.parse(
  readFileSync(schemaDataPath('terraform', 'aws-provider-subset.json'), 'utf8'),
) as ProviderSubset;

/** A value type: provider notation, or 'any' where nothing is known (variables, locals). */
type ValueType = SchemaType | 'any';

function blockType(block: SchemaBlock): ValueType {
  const fields: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(block.attributes)) fields[name] = attribute.type;
  for (const [name, nested] of Object.entries(block.blocks)) fields[name] = blockType(nested);
  const object: SchemaType = ['object', fields];
  return block.nesting === 'single' ? object : [block.nesting, object];
}

export function resourceType(type: string): ValueType | undefined {
  const resource = PROVIDER_SUBSET.resources[type];
  if (!resource) return undefined;
  return blockType({ nesting: 'single', attributes: resource.attributes, blocks: resource.blocks });
}

// ---- tokens ----
type Token = { kind: 'ident' | 'number' | 'string' | 'punct'; text: string };

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expression.length) {
    const rest = expression.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(rest);
    const number = /^[0-9]+/.exec(rest);
    const string = /^"(?:[^"\\]|\\.)*"/.exec(rest);
    const punct = /^(=>|==|!=|<=|>=|&&|\|\||[.[\]{}():,=*?!<>+\-/%])/.exec(rest);
    const match = ident ? { kind: 'ident' as const, m: ident } : number ? { kind: 'number' as const, m: number } : string ? { kind: 'string' as const, m: string } : punct ? { kind: 'punct' as const, m: punct } : undefined;
    if (!match) throw new Error(`cannot read expression at "${rest}"`);
    tokens.push({ kind: match.kind, text: match.m[0] });
    i += match.m[0].length;
  }
  return tokens;
}

/** The `${…}` expressions of one template string (`$${` is a literal and skipped). */
export function interpolations(template: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < template.length; i++) {
    if (template.startsWith('$${', i)) {
      i += 2;
      continue;
    }
    if (!template.startsWith('${', i)) continue;
    let depth = 0;
    let inString = false;
    let j = i + 1;
    for (; j < template.length; j++) {
      const c = template[j];
      if (inString) {
        if (c === '\\') j++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) break;
    }
    if (j >= template.length) throw new Error(`unterminated interpolation in ${template}`);
    found.push(template.slice(i + 2, j));
    i = j;
  }
  return found;
}

// ---- declarations ----
export interface Declarations {
  variables: Set<string>;
  locals: Set<string>;
  /** "type.name" */
  resources: Set<string>;
}

type Step = { kind: 'attr'; name: string } | { kind: 'index'; key: string | number | undefined } | { kind: 'splat' };

function walk(type: ValueType, step: Step, where: string): ValueType {
  if (type === 'any') return 'any';
  if (typeof type === 'string') throw new Error(`${where}: cannot traverse into a ${type}`);
  const [kind, inner] = type;
  if (step.kind === 'splat') {
    if (kind !== 'list' && kind !== 'set') throw new Error(`${where}: splat on a ${kind}`);
    return inner as ValueType;
  }
  if (step.kind === 'attr') {
    if (kind !== 'object') throw new Error(`${where}: .${step.name} on a ${kind}`);
    const fields = inner as Record<string, ValueType>;
    const field = fields[step.name];
    if (field === undefined) throw new Error(`${where}: no attribute "${step.name}" (has ${Object.keys(fields).join(', ')})`);
    return field;
  }
  if (kind === 'set') throw new Error(`${where}: a set cannot be indexed`);
  if (kind === 'list') {
    if (typeof step.key === 'string') throw new Error(`${where}: string index on a list`);
    return inner as ValueType;
  }
  if (kind === 'map') {
    if (typeof step.key === 'number') throw new Error(`${where}: number index on a map`);
    return inner as ValueType;
  }
  if (kind === 'object' && typeof step.key === 'string') return walk(type, { kind: 'attr', name: step.key }, where);
  throw new Error(`${where}: cannot index a ${kind}`);
}

const KEYWORDS = new Set(['for', 'in', 'if', 'true', 'false', 'null']);

/** Every traversal in one expression; throws with a readable reason on the first bad one. Returns the roots. */
export function checkExpression(expression: string, declared: Declarations): string[] {
  const tokens = tokenize(expression);
  const text = (k: number): string | undefined => tokens[k]?.text;
  const iteration = new Map<string, ValueType>();
  const roots: string[] = [];

  /** Reads the traversal starting at tokens[start] (an identifier); returns its steps and the next index. */
  function readSteps(start: number): { steps: Step[]; next: number } {
    const steps: Step[] = [];
    let k = start + 1;
    for (;;) {
      if (text(k) === '.' && tokens[k + 1]?.kind === 'ident') {
        steps.push({ kind: 'attr', name: text(k + 1) as string });
        k += 2;
      } else if (text(k) === '.' && text(k + 1) === '*') {
        steps.push({ kind: 'splat' });
        k += 2;
      } else if (text(k) === '[') {
        if (text(k + 1) === '*' && text(k + 2) === ']') {
          steps.push({ kind: 'splat' });
          k += 3;
          continue;
        }
        const first = tokens[k + 1];
        if (first && text(k + 2) === ']' && (first.kind === 'number' || first.kind === 'string')) {
          steps.push({ kind: 'index', key: first.kind === 'number' ? Number(first.text) : (JSON.parse(first.text) as string) });
          k += 3;
          continue;
        }
        // a computed index: skip to the matching bracket (its own traversals are checked on their own)
        let depth = 0;
        for (; k < tokens.length; k++) {
          if (text(k) === '[') depth++;
          if (text(k) === ']' && --depth === 0) break;
        }
        steps.push({ kind: 'index', key: undefined });
        k++;
      } else return { steps, next: k };
    }
  }

  function typeOf(start: number): { root: string; type: ValueType; next: number } {
    const root = text(start) as string;
    const { steps, next } = readSteps(start);
    const where = `\${${expression}} (${root})`;
    let type: ValueType;
    let rest: Step[];
    if (iteration.has(root)) {
      type = iteration.get(root) as ValueType;
      rest = steps;
    } else if (root === 'var' || root === 'local') {
      const name = steps[0]?.kind === 'attr' ? steps[0].name : undefined;
      const set = root === 'var' ? declared.variables : declared.locals;
      if (!name || !set.has(name)) throw new Error(`${where}: ${root}.${name ?? '?'} is not declared`);
      roots.push(`${root}.${name}`);
      type = 'any';
      rest = steps.slice(1);
    } else {
      const name = steps[0]?.kind === 'attr' ? steps[0].name : undefined;
      const schema = resourceType(root);
      if (!schema) throw new Error(`${where}: "${root}" is neither a declared name nor a resource type of the provider subset`);
      if (!name || !declared.resources.has(`${root}.${name}`)) throw new Error(`${where}: resource ${root}.${name ?? '?'} is not declared`);
      if (steps[1]?.kind !== 'attr') throw new Error(`${where}: a resource reference must name an attribute`);
      roots.push(`${root}.${name}`);
      type = schema;
      rest = steps.slice(1);
    }
    for (const step of rest) type = walk(type, step, where);
    return { root, type, next };
  }

  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k] as Token;
    if (token.kind !== 'ident' || text(k - 1) === '.' || KEYWORDS.has(token.text)) continue;
    if (text(k + 1) === '(') throw new Error(`\${${expression}}: function calls are not used by the emitter (${token.text})`);
    if (text(k - 1) === 'for') {
      // for KEY, VALUE in COLLECTION / for VALUE in COLLECTION: bind the names to the element type
      const names = text(k + 1) === ',' ? [token.text, text(k + 2) as string] : [token.text];
      const inAt = k + (names.length === 2 ? 3 : 1);
      if (text(inAt) !== 'in') throw new Error(`\${${expression}}: malformed for expression`);
      const collection = typeOf(inAt + 1);
      let element: ValueType = 'any';
      if (collection.type !== 'any') {
        if (typeof collection.type === 'string' || collection.type[0] === 'object') throw new Error(`\${${expression}}: for over a ${String(collection.type)}`);
        element = collection.type[1] as ValueType;
      }
      if (names.length === 2) {
        iteration.set(names[0] as string, 'any');
        iteration.set(names[1] as string, element);
      } else iteration.set(names[0] as string, element);
      k = collection.next - 1;
      continue;
    }
    typeOf(k);
  }
  return roots;
}
