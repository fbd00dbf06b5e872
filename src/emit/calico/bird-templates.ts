// ConfigMap bird-templates (namespace tigera-operator) holding the patched confd templates. The
// operator copies it to calico-system and mounts each key over the file of the same name in
// calico-node (calico.md §2). Annotations record each upstream template's sha256 and the patch, so a
// Calico upgrade (new upstream template) shows up as a diff of this file.
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../../diagnostics/types.js';
import type { Cluster, UpstreamTemplate } from '../../model/types.js';
import { PATCH_DESCRIPTION, patchBirdTemplate } from './template-patch.js';
import type { CalicoFeatures } from './version.js';
import type { Manifest } from './manifest.js';

export const BIRD_TEMPLATES_CONFIGMAP = 'bird-templates';
export const OPERATOR_NAMESPACE = 'tigera-operator';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const specKey = (template: UpstreamTemplate): 'birdTemplate' | 'bird6Template' =>
  template.fileName === 'bird.cfg.template' ? 'birdTemplate' : 'bird6Template';

export interface BirdTemplatesResult {
  configMap?: Manifest;
  diagnostics: Diagnostic[];
}

export function birdTemplatesConfigMap(cluster: Cluster, clusterIndex: number, features: CalicoFeatures): BirdTemplatesResult {
  const multihopPath = ['spec', 'clusters', clusterIndex, 'multihop'];
  if (cluster.multihop.strategy !== 'templatePatch') return { diagnostics: [] };
  if (!features.directBranchInTemplate) {
    return {
      diagnostics: [
        {
          code: 'calico-template-patch-not-needed',
          severity: 'info',
          message: `cluster "${cluster.name}" runs Calico open source ${cluster.calico.text}, whose BIRD template always renders multihop for BGPPeers; no template patch is emitted`,
          hint: 'no action needed: open-source Calico does not use multihop.birdTemplate',
          path: [...multihopPath, 'strategy'],
        },
      ],
    };
  }
  const templates = [...cluster.multihop.templates].sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
  if (!templates.some((t) => t.fileName === 'bird.cfg.template')) {
    return {
      diagnostics: [
        {
          code: 'calico-template-missing',
          severity: 'error',
          message: `cluster "${cluster.name}" uses multihop.strategy templatePatch but no upstream bird.cfg.template was supplied`,
          hint: 'extract bird.cfg.template from a calico-node pod of your cluster (see docs/calico.md) and set multihop.birdTemplate to its path',
          path: [...multihopPath, 'birdTemplate'],
        },
      ],
    };
  }
  const diagnostics: Diagnostic[] = [];
  const data: Record<string, string> = {};
  const annotations: Record<string, string> = {};
  for (const template of templates) {
    const outcome = patchBirdTemplate(template.text);
    const path = [...multihopPath, specKey(template)];
    if (!outcome.ok) {
      diagnostics.push({
        code: outcome.reason === 'already-patched' ? 'calico-template-already-patched' : 'calico-template-anchor-mismatch',
        severity: 'error',
        message: `cannot patch ${template.fileName} (${template.specPath}) of cluster "${cluster.name}": ${outcome.problem}; nothing was patched`,
        hint:
          outcome.reason === 'already-patched'
            ? 'supply the unmodified upstream template extracted from calico-node, not egressc output'
            : 'supply the unmodified upstream template of your calico-node version, or use multihop.strategy: interfaceRoute',
        path,
        file: template.specPath,
      });
      continue;
    }
    if (outcome.generation !== features.expectedTemplateGeneration) {
      diagnostics.push({
        code: 'calico-template-generation-unexpected',
        severity: 'warning',
        message: `${template.fileName} (${template.specPath}) is a ${outcome.generation} template, but Calico ${cluster.calico.edition} ${cluster.calico.text} is expected to ship a ${features.expectedTemplateGeneration} one`,
        hint: 'make sure the template was extracted from a calico-node pod of the version named in the spec',
        path,
        file: template.specPath,
      });
    }
    data[template.fileName] = outcome.text;
    annotations[`egressc.io/upstream-sha256.${template.fileName}`] = sha256(template.text);
    annotations[`egressc.io/patch.${template.fileName}`] = `${outcome.generation}, ${outcome.anchors} decision(s) rewritten: ${PATCH_DESCRIPTION}`;
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return {
    configMap: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: BIRD_TEMPLATES_CONFIGMAP, namespace: OPERATOR_NAMESPACE, annotations },
      data,
    },
    diagnostics,
  };
}
