import { SERVICE_NAMES } from '@shop/topology';
import { DEPLOY } from '../../deploy-settings';
import { DATABASE_INIT } from '../k8s-names';
import type { Manifest } from '../yaml-file';

/** Sidecar injection for the namespace (kustomize merges the label into base's Namespace). */
export function injectionPatch(): Manifest {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: DEPLOY.namespace, labels: { 'istio-injection': 'enabled' } } };
}

/**
 * The services speak plaintext to their own sidecar and read the caller's
 * SPIFFE ID from x-forwarded-client-cert (TRANSPORT_SECURITY=mesh); the
 * mesh's trust domain is cluster.local.
 */
export function meshTransportPatches(): Manifest[] {
  return SERVICE_NAMES.map((name) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: DEPLOY.namespace },
    spec: {
      template: {
        spec: {
          containers: [
            {
              name,
              env: [
                { name: 'TRANSPORT_SECURITY', value: 'mesh' },
                { name: 'SPIFFE_TRUST_DOMAIN', value: 'cluster.local' },
              ],
            },
          ],
        },
      },
    },
  }));
}

/**
 * A Job ends only when every container has: the proxy runs as a native
 * sidecar (an init container that Kubernetes stops after the main one).
 */
export function jobSidecarPatch(): Manifest {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: DATABASE_INIT, namespace: DEPLOY.namespace },
    spec: { template: { metadata: { annotations: { 'sidecar.istio.io/nativeSidecar': 'true' } } } },
  };
}
