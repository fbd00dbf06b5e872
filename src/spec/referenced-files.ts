import type { Spec } from './schema.js';

/** Paths (as written in the spec, relative to it) of the files the compiler needs to read. */
export function referencedFiles(spec: Spec): string[] {
  const paths = spec.spec.clusters.flatMap((cluster) =>
    cluster.multihop.strategy === 'templatePatch'
      ? [cluster.multihop.birdTemplate, cluster.multihop.bird6Template].filter((p): p is string => p !== undefined)
      : [],
  );
  return [...new Set(paths)].sort();
}
