// The upstream BIRD templates a templatePatch cluster names: each must patch cleanly (its anchors are
// exactly those of one template generation), and should be the generation its Calico version ships.
// Reported at the spec line naming the template; the template's own path is in the message.
import type { SourceFile } from '../load/source.js';
import type { Spec } from '../spec/schema.js';
import { calicoFeatures } from '../facts/calico-versions.js';
import { parseCalicoVersion } from '../facts/calico-versions.js';
import { patchBirdTemplate } from '../render/calico/template-patch.js';
import type { Report } from './context.js';

const TEMPLATE_KEYS = [
  ['birdTemplate', 'bird.cfg.template'],
  ['bird6Template', 'bird6.cfg.template'],
] as const;

export function checkTemplates(spec: Spec, files: ReadonlyMap<string, SourceFile>, report: Report): void {
  spec.spec.clusters.forEach((cluster, c) => {
    const multihop = cluster.multihop;
    if (multihop.strategy !== 'templatePatch') return;
    const at = ['spec', 'clusters', c, 'multihop'];
    const version = parseCalicoVersion(cluster.calico);
    const features = calicoFeatures(version);
    if (!features.directBranchInTemplate) {
      report({
        code: 'calico-template-patch-not-needed',
        severity: 'info',
        path: [...at, 'strategy'],
        message: `Cluster "${cluster.name}" runs Calico open source ${version.text}, whose BIRD template always renders multihop for BGPPeers; no template patch is emitted.`,
        hint: 'No action needed: open-source Calico does not use multihop.birdTemplate.',
      });
      return;
    }
    for (const [key, fileName] of TEMPLATE_KEYS) {
      const specPath = multihop[key];
      const file = specPath === undefined ? undefined : files.get(specPath);
      if (!file) continue; // not named, or file-not-found reports it
      const outcome = patchBirdTemplate(file.text);
      if (!outcome.ok) {
        report({
          code: outcome.reason === 'already-patched' ? 'calico-template-already-patched' : 'calico-template-anchor-mismatch',
          path: [...at, key],
          message: `Cannot patch ${fileName} ${file.path} of cluster "${cluster.name}": ${outcome.problem}; nothing would be patched.`,
          hint:
            outcome.reason === 'already-patched'
              ? 'Supply the unmodified upstream template extracted from calico-node, not egressc output.'
              : 'Supply the unmodified upstream template of your calico-node version, or use multihop.strategy: interfaceRoute.',
        });
      } else if (outcome.generation !== features.expectedTemplateGeneration) {
        report({
          code: 'calico-template-generation-unexpected',
          severity: 'warning',
          path: [...at, key],
          message: `${fileName} ${file.path} is a ${outcome.generation} template, but Calico ${cluster.calico.edition} ${version.text} is expected to ship a ${features.expectedTemplateGeneration} one.`,
          hint: 'Make sure the template was extracted from a calico-node pod of the version named in the spec.',
        });
      }
    }
  });
}
