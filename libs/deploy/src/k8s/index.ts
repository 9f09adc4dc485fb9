import type { GeneratedFile } from '../generated-file';

/** Kubernetes manifests generated from the topology (the Kubernetes issue fills this). */
export const K8S_FILES: readonly GeneratedFile[] = [];
