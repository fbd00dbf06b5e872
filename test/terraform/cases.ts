// The models the Terraform tests run on: hand-built ones (independent of the allocator) and, once the
// allocator produces a model, the compiled fixtures.
import type { Topology } from '../../src/model/types.js';
import { seedTopology, twoClusterTopology } from './topologies.js';

export interface ModelCase {
  name: string;
  model: () => Topology;
}

export const HAND_BUILT: readonly ModelCase[] = [
  { name: 'hand-built seed', model: seedTopology },
  { name: 'hand-built two clusters', model: twoClusterTopology },
];
