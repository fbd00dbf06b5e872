// The AWS design checks (design-checks.ts) on the hand-built models.
import { describe, it } from 'vitest';
import { emitTerraform } from '../../src/emit/terraform/index.js';
import { HAND_BUILT } from './cases.js';
import { checkConnectPeers, checkDesign } from './design-checks.js';
import { readModule } from './module.js';

describe.each(HAND_BUILT)('AWS design of the $name model', ({ model }) => {
  const topology = model();
  const module = readModule(emitTerraform(topology).artifacts);
  it('encodes the TGW, the inspection design, the routes, GRE and the firewall', () => checkDesign(topology, module));
  it('agrees with the model and the tunnels on every Connect peer', () => checkConnectPeers(topology, module));
});
