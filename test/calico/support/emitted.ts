// Helpers to look at the Calico emitter's output as parsed documents.
import { parseAllDocuments } from 'yaml';
import type { Artifact } from '../../../src/emit/types.js';

export interface K8sDoc {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}

export function parseStream(content: string): unknown[] {
  return parseAllDocuments(content).map((doc) => {
    if (doc.errors.length > 0) throw new Error(doc.errors.map((e) => e.message).join('; '));
    return doc.toJS() as unknown;
  });
}

export function artifact(artifacts: readonly Artifact[], path: string): Artifact {
  const found = artifacts.find((a) => a.path === path);
  if (!found) throw new Error(`no artifact ${path}; have ${artifacts.map((a) => a.path).join(', ')}`);
  return found;
}

export const docsOf = (artifacts: readonly Artifact[], path: string): K8sDoc[] => parseStream(artifact(artifacts, path).content) as K8sDoc[];

/** The files that kubectl apply -k sends to the API server (everything but the two special files). */
export const manifestArtifacts = (artifacts: readonly Artifact[]): Artifact[] =>
  artifacts.filter(
    (a) => a.path.startsWith('calico/') && !a.path.endsWith('/kustomization.yaml') && !a.path.endsWith('/installation-patch.yaml') && !a.path.includes('/workload-patches/') && !a.path.includes('/node-labels/'),
  );
