import { DEPLOY } from '../../deploy-settings';
import { MONITORING_NAMESPACE, NAME_LABEL, selectorOf } from '../k8s-names';
import type { Manifest } from '../yaml-file';

/** Pieces of NetworkPolicy rules, named for what they admit. */
export function podNamed(name: string): Record<string, unknown> {
  return { podSelector: { matchLabels: selectorOf(name) } };
}

export function namespaceNamed(namespace: string, podLabels?: Record<string, string>): Record<string, unknown> {
  const peer: Record<string, unknown> = {
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } },
  };
  if (podLabels) peer['podSelector'] = { matchLabels: podLabels };
  return peer;
}

export function tcp(port: number): Record<string, unknown> {
  return { protocol: 'TCP', port };
}

/** Every pod of the monitoring namespace (Prometheus scrapes the ops ports from there). */
export const MONITORING_PEER = namespaceNamed(MONITORING_NAMESPACE);

/** Public internet only: never private, shared (CGNAT), link-local (cloud metadata) or loopback ranges. */
export const PUBLIC_INTERNET_PEERS = [
  { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16'] } },
  { ipBlock: { cidr: '::/0', except: ['::1/128', 'fc00::/7', 'fe80::/10', '::ffff:0:0/96'] } },
];

export function networkPolicy(
  name: string,
  podName: string | undefined,
  rules: { ingress?: Array<Record<string, unknown>>; egress?: Array<Record<string, unknown>> },
): Manifest {
  const policyTypes = [...(rules.ingress ? ['Ingress'] : []), ...(rules.egress ? ['Egress'] : [])];
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: DEPLOY.namespace },
    spec: {
      podSelector: podName ? { matchLabels: { [NAME_LABEL]: podName } } : {},
      policyTypes,
      ...rules,
    },
  };
}
