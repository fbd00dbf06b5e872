// `egressc validate` must start fast: its static import graph (in dist/, built by `npm test`) runs the
// whole analysis (checks, allocation, model checks, and the Terraform naming the name-clash check uses)
// but must not reach the other emitters, handlebars or ajv.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/fixtures.js';
import { requireFreshBuild } from '../support/fresh-build.js';

requireFreshBuild();

const STATIC_IMPORT = /^\s*(?:import|export)\s[^;]*?\sfrom\s+'([^']+)'|^\s*import\s+'([^']+)'/gm;

function importGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.startsWith('/')) return; // a package
    for (const match of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      const spec = match[1] ?? match[2]!;
      if (/^import\s+type\s/.test(match[0].trim())) continue;
      visit(spec.startsWith('.') ? resolve(dirname(file), spec) : spec);
    }
  };
  visit(entry);
  return seen;
}

describe('validate startup', () => {
  const entry = join(REPO_ROOT, 'dist/cli/commands/validate.js');

  it('imports neither the file-writing emitters nor handlebars nor ajv', () => {
    expect(existsSync(entry), 'run npm run build first').toBe(true);
    const graph = [...importGraph(entry)];
    expect(graph).toContain('zod');
    expect(graph.some((f) => f.endsWith('/analyze.js'))).toBe(true);
    expect(graph.filter((f) => /handlebars|ajv|\/emit\/(?!terraform\/|calico\/names|firewall\/index)|\/emit\/index\.js/.test(f))).toEqual([]);
  });
});
