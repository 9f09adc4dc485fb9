import type { K8sObject } from '../manifests';
import { portLabel, type Endpoint, type EndpointPort } from '../network/endpoint';
import { AuthorizationEvaluator } from './authorization-eval';
import { meshIdentities, type MeshIdentity } from './mesh-identities';
import type { MeshRequest } from './mesh-request';
import { PeerAuthenticationEvaluator } from './peer-authentication-eval';
import { grpcCandidatePaths, httpCandidatePaths, protocolOf } from './request-catalogue';

/** `cluster.local/ns/shop/sa/order -> shop/payment:50053 POST /shop.payment.v1.PaymentService/Charge` */
export function grantKey(identity: string, target: Endpoint, port: EndpointPort, http?: MeshRequest['http']): string {
  return `${identity} -> ${target.id}:${portLabel(port)} ${http ? `${http.method} ${http.path}` : 'tcp'}`;
}

/** The requests to try on one port of one workload. */
function requestsFor(objects: readonly K8sObject[], target: Endpoint, port: EndpointPort): Array<MeshRequest['http']> {
  switch (protocolOf(objects, target, port)) {
    case 'grpc':
      return grpcCandidatePaths(objects).map((path) => ({ method: 'POST', path }));
    case 'http':
      return httpCandidatePaths(objects).flatMap((path) => [{ method: 'GET', path }, { method: 'POST', path }]);
    default:
      return [undefined];
  }
}

/**
 * What each caller may do to each workload of `namespace`, after
 * PeerAuthentication (plaintext refused under STRICT; no principal where
 * mTLS is DISABLEd) and AuthorizationPolicy.
 */
export function evaluateGrants(objects: readonly K8sObject[], endpoints: readonly Endpoint[], namespace: string): Set<string> {
  const peers = new PeerAuthenticationEvaluator(objects);
  const authz = new AuthorizationEvaluator(objects);
  const identities = meshIdentities(endpoints, namespace);
  const grants = new Set<string>();
  for (const target of endpoints.filter((e) => e.namespace === namespace)) {
    const workload = { namespace, labels: target.labels };
    for (const port of target.ports.filter((p) => p.protocol === 'TCP')) {
      const mode = peers.modeFor(workload, port.port);
      for (const http of requestsFor(objects, target, port)) {
        for (const identity of identities) {
          if (mode === 'STRICT' && !identity.principal) continue;
          const request = { principal: mode === 'DISABLE' ? undefined : identity.principal, sourceIp: identity.sourceIp, port: port.port, http };
          if (authz.decide(workload, request) === 'allow') grants.add(grantKey(identity.label, target, port, http));
        }
      }
    }
  }
  return grants;
}

export { meshIdentities, type MeshIdentity };
