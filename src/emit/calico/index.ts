// The Calico emitter: one directory per cluster, calico/<cluster>/, each with its own
// kustomization.yaml (every cluster has its own API server, so there is no directory that applies
// to all of them), plus installation-patch.yaml, which is applied separately with `kubectl patch`.
import type { Diagnostic } from '../../diagnostics/types.js';
import type { Cluster, Topology } from '../../model/types.js';
import type { Artifact, EmitResult } from '../types.js';
import { tgwBgpPeers } from './bgp-peers.js';
import { bgpConfiguration } from './bgp-configuration.js';
import { tgwBgpFilter } from './bgp-filter.js';
import { birdTemplatesConfigMap } from './bird-templates.js';
import { clientNamespaces, gatewayPolicies, workloadPatches } from './egress-clients.js';
import { connectPeerLabelPatches, egressGateways } from './egress-gateways.js';
import { felixConfiguration } from './felix.js';
import { installationPatch } from './installation.js';
import { egressIpPools } from './ip-pools.js';
import { kustomization } from './kustomization.js';
import { renderYamlStream } from './manifest.js';
import { calicoFeatures, type CalicoFeatures } from './version.js';

export const INSTALLATION_PATCH_FILE = 'installation-patch.yaml';

/** Reasons to emit nothing for a cluster: the version cannot express what the topology needs. */
function versionProblems(cluster: Cluster, clusterIndex: number, features: CalicoFeatures): Diagnostic[] {
  const path = ['spec', 'clusters', clusterIndex, 'calico', 'version'];
  const problems: Diagnostic[] = [];
  if (cluster.calico.major !== 3) {
    problems.push({
      code: 'calico-version-unsupported',
      severity: 'error',
      message: `cluster "${cluster.name}": Calico ${cluster.calico.text} is not supported; egressc knows the 3.x API`,
      hint: 'use a Calico 3.x version',
      path,
    });
  } else if (!features.bgpFilter) {
    problems.push({
      code: 'calico-version-lacks-bgp-filter',
      severity: 'error',
      message: `cluster "${cluster.name}": Calico ${cluster.calico.edition} ${cluster.calico.text} has no BGPFilter, so pod and service routes could not be kept away from the Transit Gateway`,
      hint: 'upgrade to Calico open source 3.26+ or Calico Enterprise 3.17+',
      path,
    });
  }
  if (!features.egressGateways && cluster.egressGateways.length > 0) {
    problems.push({
      code: 'calico-opensource-egress-gateway',
      severity: 'error',
      message: `cluster "${cluster.name}" runs Calico open source, which has no egress gateways`,
      hint: 'use calico.edition: enterprise, or remove the egressGateways of this cluster',
      path: ['spec', 'clusters', clusterIndex, 'egressGateways'],
    });
  }
  return problems;
}

function emitCluster(model: Topology, cluster: Cluster, clusterIndex: number): EmitResult {
  const features = calicoFeatures(cluster.calico);
  const problems = versionProblems(cluster, clusterIndex, features);
  if (problems.length > 0) return { artifacts: [], diagnostics: problems };

  const diagnostics: Diagnostic[] = [];
  const resources = new Map<string, object[]>();
  resources.set('bgp-configuration.yaml', [bgpConfiguration(cluster)]);
  resources.set('bgp-filter.yaml', [tgwBgpFilter(cluster, model.transitGateway)]);
  resources.set('bgp-peers.yaml', tgwBgpPeers(cluster, model.transitGateway, features));
  if (cluster.egressGateways.length > 0) {
    const clients = clientNamespaces(cluster, clusterIndex);
    const policies = gatewayPolicies(cluster, clusterIndex, model.firewall);
    diagnostics.push(...clients.diagnostics, ...policies.diagnostics);
    resources.set('ip-pools.yaml', egressIpPools(cluster));
    resources.set('egress-gateways.yaml', egressGateways(cluster));
    resources.set('namespaces.yaml', clients.namespaces);
    if (policies.policies.length > 0) resources.set('egress-gateway-policies.yaml', policies.policies);
    resources.set('felix-configuration.yaml', [felixConfiguration(cluster)]);
  }
  const templates = birdTemplatesConfigMap(cluster, clusterIndex, features);
  diagnostics.push(...templates.diagnostics);
  if (templates.configMap) resources.set('bird-templates.yaml', [templates.configMap]);

  const vpc = model.vpcs.find((v) => v.name === cluster.vpc);
  if (!vpc) {
    diagnostics.push({
      code: 'calico-cluster-vpc-missing',
      severity: 'error',
      message: `cluster "${cluster.name}" names VPC "${cluster.vpc}", which the model does not contain`,
      hint: 'name a VPC with role: cluster',
      path: ['spec', 'clusters', clusterIndex, 'vpc'],
    });
    return { artifacts: [], diagnostics };
  }

  const dir = `calico/${cluster.name}`;
  const file = (name: string, content: string): Artifact => ({ path: `${dir}/${name}`, content, mode: 0o644 });
  const artifacts = [...resources].map(([name, objects]) => file(name, renderYamlStream(objects)));
  artifacts.push(file('kustomization.yaml', renderYamlStream([kustomization([...resources.keys()])])));
  artifacts.push(file(INSTALLATION_PATCH_FILE, renderYamlStream([installationPatch(vpc.cidr)])));
  // Patches of workloads the user owns: applied with kubectl patch, so they are not kustomize resources.
  for (const { file: name, command, patch } of [...connectPeerLabelPatches(cluster), ...workloadPatches(cluster)]) {
    artifacts.push(file(name, renderYamlStream([patch], [`Apply in calico/${cluster.name}/: ${command}`])));
  }
  return { artifacts, diagnostics };
}

export function emitCalico(model: Topology): EmitResult {
  const results = model.clusters.map((cluster) => emitCluster(model, cluster, cluster.specIndex));
  return { artifacts: results.flatMap((r) => r.artifacts), diagnostics: results.flatMap((r) => r.diagnostics) };
}
