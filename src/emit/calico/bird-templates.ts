// ConfigMap bird-templates (namespace tigera-operator) holding the patched confd templates. The
// operator copies it to calico-system and mounts each key over the file of the same name in
// calico-node (calico.md §2). Annotations record each upstream template's sha256 and the patch, so a
// Calico upgrade (new upstream template) shows up as a diff of this file.
import { createHash } from 'node:crypto';
import type { Cluster } from '../../model/types.js';
import { PATCH_DESCRIPTION, patchBirdTemplate } from '../../render/calico/template-patch.js';
import type { CalicoFeatures } from '../../facts/calico-versions.js';
import type { Manifest } from './manifest.js';

export const BIRD_TEMPLATES_CONFIGMAP = 'bird-templates';
export const OPERATOR_NAMESPACE = 'tigera-operator';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The ConfigMap, or undefined when the cluster patches no template (interfaceRoute, or open source,
 * whose template always renders multihop). The checks (check/templates.ts) made sure every template
 * patches cleanly.
 */
export function birdTemplatesConfigMap(cluster: Cluster, features: CalicoFeatures): Manifest | undefined {
  if (cluster.multihop.strategy !== 'templatePatch' || !features.directBranchInTemplate) return undefined;
  const templates = [...cluster.multihop.templates].sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
  if (templates.length === 0) return undefined;
  const data: Record<string, string> = {};
  const annotations: Record<string, string> = {};
  for (const template of templates) {
    const outcome = patchBirdTemplate(template.text);
    if (!outcome.ok) throw new Error(`unchecked model: ${template.specPath} of cluster ${cluster.name}: ${outcome.problem}`);
    data[template.fileName] = outcome.text;
    annotations[`egressc.io/upstream-sha256.${template.fileName}`] = sha256(template.text);
    annotations[`egressc.io/patch.${template.fileName}`] = `${outcome.generation}, ${outcome.anchors} decision(s) rewritten: ${PATCH_DESCRIPTION}`;
  }
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: BIRD_TEMPLATES_CONFIGMAP, namespace: OPERATOR_NAMESPACE, annotations },
    data,
  };
}
