// kustomization.yaml of one cluster directory, so `kubectl apply -k calico/<cluster>` applies it all.
export interface Kustomization {
  apiVersion: 'kustomize.config.k8s.io/v1beta1';
  kind: 'Kustomization';
  resources: string[];
}

export function kustomization(resourceFiles: readonly string[]): Kustomization {
  return {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [...resourceFiles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
  };
}
