import type { K8sObject } from '../manifests';
import { portLabel, type Endpoint } from './endpoint';
import { NetworkPolicyEvaluator } from './network-policy-eval';

/** One allowed connection: `shop/gateway -> shop/order:50052`. */
export function connectionKey(source: Endpoint, target: Endpoint, port: Endpoint['ports'][number]): string {
  return `${source.id} -> ${target.id}:${portLabel(port)}`;
}

/**
 * Every connection the NetworkPolicies allow between the given endpoints,
 * limited to pairs where one side is in `namespace` (the policies there are
 * the ones under test; traffic between two other namespaces is not theirs).
 */
export function evaluateReachability(objects: readonly K8sObject[], endpoints: readonly Endpoint[], namespace: string): Set<string> {
  const evaluator = new NetworkPolicyEvaluator(objects);
  const allowed = new Set<string>();
  for (const source of endpoints) {
    for (const target of endpoints) {
      if (source === target) continue;
      if (source.namespace !== namespace && target.namespace !== namespace) continue;
      for (const port of target.ports) {
        if (evaluator.allows(source, target, port)) allowed.add(connectionKey(source, target, port));
      }
    }
  }
  return allowed;
}
