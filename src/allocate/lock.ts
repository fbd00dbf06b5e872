// The lock file: every allocation keyed by the stable names of its owner.
import type { Diagnostic } from '../diagnostics/types.js';
import type { SourceFile } from '../load/source.js';

export interface Lock {
  apiVersion: 'egressc/v1alpha1';
  kind: 'EgressTopologyLock';
}

export const emptyLock = (): Lock => ({ apiVersion: 'egressc/v1alpha1', kind: 'EgressTopologyLock' });

export function parseLock(_file: SourceFile): { lock?: Lock; diagnostics: Diagnostic[] } {
  return { lock: emptyLock(), diagnostics: [] };
}

export function serializeLock(_lock: Lock): string {
  return 'apiVersion: egressc/v1alpha1\nkind: EgressTopologyLock\n';
}
