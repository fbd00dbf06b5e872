// Small specs for unit tests: the seed or multi fixture text with edits, loaded and checked in memory.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { loadSpec } from '../../src/compile.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { FIXTURES } from '../support/fixtures.js';

export const SEED = readFileSync(join(FIXTURES, 'seed/topology.yaml'), 'utf8');
export const MULTI = readFileSync(join(FIXTURES, 'multi/topology.yaml'), 'utf8');

/** Applies each [from, to] replacement once, failing loudly when `from` is not in the text. */
export function edit(text: string, ...edits: [string, string][]): string {
  return edits.reduce((acc, [from, to]) => {
    expect(acc.includes(from), `edit: "${from}" not found`).toBe(true);
    return acc.replace(from, to);
  }, text);
}

export function diagnose(text: string): Diagnostic[] {
  return loadSpec({ path: 'spec.yaml', text }).diagnostics;
}

export const codes = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => d.code);

/** The only diagnostic of a spec, asserting there is exactly one. */
export function only(text: string): Diagnostic {
  const diagnostics = diagnose(text);
  expect(codes(diagnostics)).toHaveLength(1);
  return diagnostics[0]!;
}
