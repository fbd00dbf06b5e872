// The Calico emitter: one directory per cluster, calico/<cluster>/, each with its own
// kustomization.yaml (every cluster has its own API server, so there is no directory that applies
// to all of them), plus installation-patch.yaml, which is applied separately with `kubectl patch`.
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
import { calicoFeatures } from '../../facts/calico-versions.js';

export const INSTALLATION_PATCH_FILE = 'installation-patch.yaml';

function emitCluster(model: Topology, cluster: Cluster): Artifact[] {
  const features = calicoFeatures(cluster.calico);
  const resources = new Map<string, object[]>();
  resources.set('bgp-configuration.yaml', [bgpConfiguration(cluster)]);
  resources.set('bgp-filter.yaml', [tgwBgpFilter(cluster, model.transitGateway)]);
  resources.set('bgp-peers.yaml', tgwBgpPeers(cluster, model.transitGateway, features));
  if (cluster.egressGateways.length > 0) {
    const policies = gatewayPolicies(cluster, model.firewall);
    resources.set('ip-pools.yaml', egressIpPools(cluster));
    resources.set('egress-gateways.yaml', egressGateways(cluster));
    resources.set('namespaces.yaml', clientNamespaces(cluster));
    if (policies.length > 0) resources.set('egress-gateway-policies.yaml', policies);
    resources.set('felix-configuration.yaml', [felixConfiguration(cluster)]);
  }
  const templates = birdTemplatesConfigMap(cluster, features);
  if (templates) resources.set('bird-templates.yaml', [templates]);

  // the checks guarantee the cluster's VPC (check/references.ts)
  const vpc = model.vpcs.find((v) => v.name === cluster.vpc);
  if (!vpc) throw new Error(`unchecked model: cluster ${cluster.name} names unknown VPC ${cluster.vpc}`);

  const dir = `calico/${cluster.name}`;
  const file = (name: string, content: string): Artifact => ({ path: `${dir}/${name}`, content, mode: 0o644 });
  const artifacts = [...resources].map(([name, objects]) => file(name, renderYamlStream(objects)));
  artifacts.push(file('kustomization.yaml', renderYamlStream([kustomization([...resources.keys()])])));
  artifacts.push(file(INSTALLATION_PATCH_FILE, renderYamlStream([installationPatch(vpc.cidr)])));
  // Patches of workloads the user owns: applied with kubectl patch, so they are not kustomize resources.
  for (const { file: name, command, patch } of [...connectPeerLabelPatches(cluster), ...workloadPatches(cluster)]) {
    artifacts.push(file(name, renderYamlStream([patch], [`Apply in calico/${cluster.name}/: ${command}`])));
  }
  return artifacts;
}

export function emitCalico(model: Topology): EmitResult {
  return { artifacts: model.clusters.flatMap((cluster) => emitCluster(model, cluster)) };
}
