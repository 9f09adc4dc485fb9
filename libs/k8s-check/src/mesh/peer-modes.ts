import type { K8sObject } from '../manifests';
import { portLabel, type Endpoint } from '../network/endpoint';
import { PeerAuthenticationEvaluator } from './peer-authentication-eval';

/** `shop/order:50052 STRICT` for every TCP port of every pod of the namespace (the undeclared probe port too). */
export function evaluatePeerModes(objects: readonly K8sObject[], endpoints: readonly Endpoint[], namespace: string): Set<string> {
  const peers = new PeerAuthenticationEvaluator(objects);
  const facts = new Set<string>();
  for (const pod of endpoints.filter((e) => e.namespace === namespace)) {
    for (const port of pod.ports.filter((p) => p.protocol === 'TCP')) {
      facts.add(`${pod.id}:${portLabel(port)} ${peers.modeFor({ namespace, labels: pod.labels }, port.port)}`);
    }
  }
  return facts;
}
