import { isPod, type Endpoint } from '../network/endpoint';

/** A caller as a sidecar sees it: a principal from mTLS, or plaintext. */
export interface MeshIdentity {
  /** The principal, or `plaintext` for a caller outside the mesh. */
  readonly label: string;
  readonly principal?: string;
  readonly sourceIp: string;
}

export const PLAINTEXT = 'plaintext';

/** A pod gets a sidecar when its namespace asks for injection and it does not opt out. */
export function isMeshed(endpoint: Endpoint): boolean {
  if (!isPod(endpoint) || endpoint.namespaceLabels['istio-injection'] !== 'enabled') return false;
  return endpoint.annotations?.['sidecar.istio.io/inject'] !== 'false' && endpoint.labels['sidecar.istio.io/inject'] !== 'false';
}

/**
 * Every meshed pod of the namespace under test, a meshed workload of another
 * namespace, and a plaintext caller (Prometheus, anything outside the mesh).
 */
export function meshIdentities(endpoints: readonly Endpoint[], namespace: string): MeshIdentity[] {
  const identities: MeshIdentity[] = endpoints
    .filter((e) => e.namespace === namespace && isMeshed(e))
    .map((e) => {
      const principal = `cluster.local/ns/${e.namespace}/sa/${e.serviceAccount ?? 'default'}`;
      return { label: principal, principal, sourceIp: e.ip };
    });
  const foreign = 'cluster.local/ns/default/sa/default';
  identities.push({ label: foreign, principal: foreign, sourceIp: '10.244.9.3' });
  identities.push({ label: PLAINTEXT, sourceIp: '10.244.8.99' });
  // Two pods sharing a ServiceAccount are one identity.
  return identities.filter((id, i) => identities.findIndex((other) => other.label === id.label) === i);
}
