// Calico capabilities and the multihop strategy's inputs.
import type { Spec } from '../spec/schema.js';
import { CALICO_FIRST_RELEASE, OLDEST_SUPPORTED, calicoFeatures, formatRelease, parseCalicoVersion } from '../facts/calico-versions.js';
import type { Report } from './context.js';

export function checkCalico(spec: Spec, report: Report): void {
  spec.spec.clusters.forEach((cluster, c) => {
    const at = ['spec', 'clusters', c];
    const version = parseCalicoVersion(cluster.calico);
    if (version.major !== 3) {
      report({
        code: 'calico-version-unsupported',
        path: [...at, 'calico', 'version'],
        message: `Cluster "${cluster.name}": Calico ${version.text} is not supported; egressc knows the Calico 3.x API.`,
        hint: 'Use a Calico 3.x version.',
      });
    } else if (!calicoFeatures(version).bgpFilter) {
      report({
        code: 'calico-version-lacks-bgp-filter',
        path: [...at, 'calico', 'version'],
        message: `Cluster "${cluster.name}": Calico ${cluster.calico.edition} ${version.text} has no BGPFilter, so pod and service routes could not be kept away from the Transit Gateway.`,
        hint: `Upgrade to Calico open source ${formatRelease(OLDEST_SUPPORTED.opensource)}+ or Calico Enterprise ${formatRelease(OLDEST_SUPPORTED.enterprise)}+.`,
      });
    }
    // only when the version has BGPFilter at all (else the error above says enough)
    if (cluster.advertiseGatewayRoutes === 'hostingNode' && version.major === 3 && calicoFeatures(version).bgpFilter && !calicoFeatures(version).bgpFilterSource) {
      const first = CALICO_FIRST_RELEASE.bgpFilterSource;
      report({
        code: 'calico-version-lacks-filter-source',
        path: [...at, 'advertiseGatewayRoutes'],
        message: `Cluster "${cluster.name}": advertiseGatewayRoutes: hostingNode needs a BGPFilter rule with \`source: RemotePeers\`, which Calico ${cluster.calico.edition} ${version.text} does not have.`,
        hint: `Upgrade to Calico open source ${formatRelease(first.opensource)}+ or Calico Enterprise ${formatRelease(first.enterprise)}+, or remove advertiseGatewayRoutes (every peer then advertises the gateway /32s).`,
      });
    }
    if (cluster.calico.edition === 'opensource' && cluster.egressGateways.length > 0) {
      report({
        code: 'calico-edition',
        path: [...at, 'calico', 'edition'],
        message: `Cluster "${cluster.name}" runs Calico open source, which has no egress gateways, yet defines ${cluster.egressGateways.length}.`,
        hint: 'Egress gateways (EgressGateway resources, egress IP pools) are a Calico Enterprise / Calico Cloud feature: set edition: enterprise, or remove egressGateways.',
      });
    }
    const multihop = cluster.multihop;
    // Only Calico Enterprise's template can render `direct`; open source always renders multihop (calico.md §1.3).
    if (multihop.strategy === 'templatePatch' && multihop.birdTemplate === undefined && cluster.calico.edition === 'enterprise') {
      report({
        code: 'missing-template',
        path: [...at, 'multihop', 'strategy'],
        message: `Cluster "${cluster.name}" runs Calico Enterprise with strategy templatePatch but names no birdTemplate to patch.`,
        hint: "Set multihop.birdTemplate to the path (relative to this spec) of your Calico version's upstream bird.cfg.template, or use strategy: interfaceRoute.",
      });
    }
    if (multihop.strategy === 'interfaceRoute') {
      for (const key of ['birdTemplate', 'bird6Template'] as const) {
        if (multihop[key] === undefined) continue;
        report({
          code: 'template-unused',
          severity: 'warning',
          path: [...at, 'multihop', key],
          message: `${key} is ignored: strategy interfaceRoute does not patch templates.`,
          hint: 'Remove it, or switch to strategy: templatePatch.',
          atKey: true,
        });
      }
    }
  });
}
