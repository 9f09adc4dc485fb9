import type { K8sObject } from '../manifests';
import type { Endpoint } from '../network/endpoint';
import { UnsupportedPolicyError, selectorMatches } from '../network/label-selector';

interface SidecarSpec {
  workloadSelector?: { labels?: Record<string, string> };
  egress?: Array<{ hosts?: string[]; port?: unknown; bind?: unknown; captureMode?: unknown }>;
  outboundTrafficPolicy?: { mode?: string };
}

/**
 * Which destinations each workload's proxy knows and what it does with the
 * rest (Sidecar resource, Istio reference): the Sidecar whose
 * workloadSelector matches the pod, else the namespace's selector-less one,
 * else the mesh default (every service, ALLOW_ANY). One line per fact:
 * `shop/order egress ./payment.shop.svc.cluster.local`, `shop/order outbound REGISTRY_ONLY`.
 */
export function evaluateSidecarScopes(objects: readonly K8sObject[], endpoints: readonly Endpoint[], namespace: string): Set<string> {
  const sidecars = objects.filter((o) => o.kind === 'Sidecar' && o.metadata.namespace === namespace).map((o) => (o['spec'] ?? {}) as SidecarSpec);
  const facts = new Set<string>();
  for (const pod of endpoints.filter((e) => e.namespace === namespace)) {
    const specific = sidecars.filter((s) => s.workloadSelector && selectorMatches({ matchLabels: s.workloadSelector.labels ?? {} }, pod.labels));
    const fallback = sidecars.filter((s) => !s.workloadSelector);
    if (specific.length > 1 || fallback.length > 1) throw new UnsupportedPolicyError(`more than one Sidecar applies to ${pod.id}`);
    const sidecar = specific[0] ?? fallback[0];
    if (!sidecar) {
      facts.add(`${pod.id} egress */*`);
      facts.add(`${pod.id} outbound ALLOW_ANY`);
      continue;
    }
    for (const listener of sidecar.egress ?? []) {
      if (listener.port || listener.bind || listener.captureMode) throw new UnsupportedPolicyError(`${pod.id}: Sidecar egress port/bind/captureMode`);
      for (const host of listener.hosts ?? []) facts.add(`${pod.id} egress ${host}`);
    }
    facts.add(`${pod.id} outbound ${sidecar.outboundTrafficPolicy?.mode ?? 'ALLOW_ANY'}`);
  }
  return facts;
}
