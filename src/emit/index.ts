// Every target's emitter, run in this order; each is a pure function of the resolved model.
import type { Topology } from '../model/types.js';
import { emitBirdPeers } from './bird/index.js';
import { emitCalico } from './calico/index.js';
import { emitFirewall } from './firewall/index.js';
import { emitHost } from './host/index.js';
import { emitReport } from './report/index.js';
import { emitTerraform } from './terraform/index.js';
import type { EmitResult, Emitter } from './types.js';

export const emitters: readonly Emitter[] = [emitHost, emitFirewall, emitCalico, emitTerraform, emitBirdPeers, emitReport];

export function emitAll(model: Topology): EmitResult {
  const results = emitters.map((emit) => emit(model));
  const artifacts = results.flatMap((r) => r.artifacts).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { artifacts };
}
