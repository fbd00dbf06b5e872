// Stages point one way: src/ is layered (below), a module imports only from its own folder or from a
// lower layer, and no chain of imports comes back to where it started. Read from the sources, so a
// new import that points upwards fails here before it becomes a knot.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/fixtures.js';

const SRC = join(REPO_ROOT, 'src');

/**
 * Layers, lowest first. Shared pieces (diagnostics, the spec language, the model, IPv4 arithmetic,
 * facts about AWS, Calico and Suricata, the pure renderings the checker and the emitters share) sit
 * below the pipeline stages load → validate → check → allocate → emit → write; the orchestration
 * (src/*.ts: analyze, compile) and the CLI sit on top.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['diagnostics', 'net', 'version.ts'],
  ['load'],
  ['spec'],
  ['model'],
  ['facts', 'render'],
  ['validate'],
  ['paths'],
  ['check'],
  ['allocate'],
  ['emit'],
  ['diff'],
  ['write'],
  ['analyze.ts'],
  ['compile.ts'],
  ['index.ts'],
  ['cli'],
];

const layerOf = (file: string): { unit: string; rank: number } => {
  const unit = relative(SRC, file).split('/')[0]!;
  const rank = LAYERS.findIndex((layer) => layer.includes(unit));
  return { unit, rank };
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const IMPORT = /^\s*(?:import|export)\s[^;]*?\sfrom\s+'(\.[^']+)'|^\s*import\s+'(\.[^']+)'/gm;

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => resolve(dirname(file), (m[1] ?? m[2]!).replace(/\.js$/, '.ts')));
}

const files = sources(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const rel = (f: string): string => relative(REPO_ROOT, f);

describe('the stages of src/', () => {
  it('places every folder and top-level file in a layer', () => {
    expect([...new Set(files.map((f) => layerOf(f)).filter((l) => l.rank < 0).map((l) => l.unit))]).toEqual([]);
  });

  it('imports only from the same folder or a lower layer', () => {
    const upwards: string[] = [];
    for (const [file, imports] of graph) {
      const from = layerOf(file);
      for (const target of imports) {
        const to = layerOf(target);
        const edge = `${rel(file)} → ${rel(target)}`;
        if (to.unit !== from.unit && to.rank >= from.rank) upwards.push(edge);
      }
    }
    expect([...new Set(upwards)]).toEqual([]);
  });

  it('has no import cycles', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].map(rel).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('imports every relative module it names (the test reads real paths)', () => {
    const missing = [...graph.entries()].flatMap(([file, imports]) => imports.filter((t) => !graph.has(t)).map((t) => `${rel(file)} → ${rel(t)}`));
    expect(missing).toEqual([]);
  });
});
