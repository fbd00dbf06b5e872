// The models every host test runs on: the two fixtures compiled with their committed locks (as a user's
// build would), and the hand-built model (both strategies, a second cluster reusing a node name).
import { expect } from 'vitest';
import type { HostNetwork, Topology } from '../../src/model/types.js';
import { compileFixture } from '../support/fixtures.js';
import { onHostNetwork } from './support.js';
import { hostTestTopology } from './topology.js';

export function fixtureModel(dir: 'seed' | 'multi'): Topology {
  const compiled = compileFixture(`${dir}/topology.yaml`, { useLock: true });
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (!compiled.model) throw new Error(`fixture ${dir} did not compile to a model`);
  return compiled.model;
}

export interface ModelUnderTest {
  label: string;
  /** golden directory under test/golden/ */
  golden: string;
  model: () => Topology;
}

export const MODELS_UNDER_TEST: readonly ModelUnderTest[] = [
  { label: 'fixture seed (templatePatch)', golden: 'seed', model: () => fixtureModel('seed') },
  { label: 'fixture multi (templatePatch and interfaceRoute, 1500 and 9001 MTUs)', golden: 'multi', model: () => fixtureModel('multi') },
  { label: 'the hand-built model', golden: 'host-model', model: hostTestTopology },
];

/**
 * The models a host format's real-consumer test runs on: the fixtures as they are (their clusters use
 * every format between them) and the hand-built model with every cluster on that format (both strategies).
 */
export const modelsFor = (format: HostNetwork): readonly ModelUnderTest[] => [
  ...MODELS_UNDER_TEST,
  { label: `the hand-built model, every cluster on ${format}`, golden: 'host-model', model: () => onHostNetwork(hostTestTopology(), format) },
];
