import type { GeneratedFile } from '../generated-file';
import { baseFiles } from './base';
import { istioFiles } from './istio';
import { monitoringFiles } from './monitoring';
import { networkPolicyFiles } from './network-policies';
import { meshControlPlaneFiles } from './network-policies/mesh-control-plane';
import { vaultFiles } from './vault';

/** Kubernetes manifests generated from the topology: k8s/base and k8s/components/*. */
export const K8S_FILES: readonly GeneratedFile[] = [
  ...baseFiles(),
  ...networkPolicyFiles(),
  ...istioFiles(),
  ...meshControlPlaneFiles(),
  ...monitoringFiles(),
  ...vaultFiles(),
];
