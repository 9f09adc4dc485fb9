import type { Manifest } from '../yaml-file';
import { PART_OF, PART_OF_LABEL } from '../k8s-names';

/** A namespace where Pod Security Admission enforces the "restricted" profile. */
export function restrictedNamespace(name: string): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      labels: {
        [PART_OF_LABEL]: PART_OF,
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/enforce-version': 'latest',
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/audit': 'restricted',
      },
    },
  };
}
