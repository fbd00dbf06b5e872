// The spec reference (docs/spec.md) must stay true: its example is a valid spec, and every field of the
// spec language appears in it; docs/diagnostics.md shows the text format as egressc prints it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatText } from '../../src/diagnostics/format-text.js';
import { loadSpec } from '../../src/analyze.js';
import { specJsonSchema } from '../../src/spec/json-schema.js';
import { docSection } from '../support/docs.js';
import { REPO_ROOT } from '../support/fixtures.js';

const section = docSection('spec', 'spec');

/** Every property name in the JSON Schema. */
function propertyNames(node: unknown, names = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => propertyNames(n, names));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && value && typeof value === 'object') Object.keys(value).forEach((k) => names.add(k));
      propertyNames(value, names);
    }
  }
  return names;
}

describe('docs/spec.md', () => {
  it('its example is a valid spec', () => {
    const example = /```yaml\n(apiVersion:[\s\S]*?)```/.exec(section)?.[1];
    expect(example).toBeDefined();
    expect(loadSpec({ path: 'docs/spec.md', text: example! }).diagnostics).toEqual([]);
  });

  it('documents every field', () => {
    const codeWords = new Set([...section.matchAll(/`([^`\n]+)`/g)].flatMap((m) => m[1]!.split(/[^A-Za-z0-9]+/)));
    const missing = [...propertyNames(specJsonSchema())].filter((name) => !codeWords.has(name));
    expect(missing).toEqual([]);
  });
});

describe('docs/diagnostics.md', () => {
  it('shows the text format exactly as egressc prints it', () => {
    const diagnostics = docSection('diagnostics', 'diagnostics');
    const shown = /```text\n([\s\S]*?)\n\s*```/.exec(diagnostics)?.[1]?.replace(/^ {2}/gm, '');
    const file = 'fixtures/invalid/ibgp-refused.yaml';
    const text = readFileSync(join(REPO_ROOT, file), 'utf8');
    const printed = formatText(loadSpec({ path: file, text }).diagnostics, new Map([[file, text]]));
    expect(`${shown}\n`).toBe(printed);
  });
});
