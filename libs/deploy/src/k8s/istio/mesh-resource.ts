import { DEPLOY } from '../../deploy-settings';
import { selectorOf } from '../k8s-names';
import type { Manifest } from '../yaml-file';

/** Istio API versions that both Istio 1.2x and the schema package (@kubernetes-models/istio 2.3) know. */
const API_VERSIONS = {
  AuthorizationPolicy: 'security.istio.io/v1',
  PeerAuthentication: 'security.istio.io/v1beta1',
  Sidecar: 'networking.istio.io/v1beta1',
} as const;

export function meshResource(kind: keyof typeof API_VERSIONS, name: string, spec: Record<string, unknown>): Manifest {
  return { apiVersion: API_VERSIONS[kind], kind, metadata: { name, namespace: DEPLOY.namespace }, spec };
}

/** `selector` for PeerAuthentication and AuthorizationPolicy. */
export function workload(name: string): Record<string, unknown> {
  return { matchLabels: selectorOf(name) };
}
