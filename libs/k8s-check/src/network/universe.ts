import { containersOf, podTemplateOf, type K8sObject } from '../manifests';
import type { Endpoint, EndpointPort, Protocol } from './endpoint';

/**
 * Addresses and pods that are not in the rendered manifests but that the
 * policies must be tested against: cluster DNS, the mesh control plane, a pod
 * in an unrelated namespace, and addresses outside the cluster. No packet is
 * ever sent to any of them: they are inputs to the evaluation.
 */
export const WORLD: readonly Endpoint[] = [
  world('kube-system', 'kube-dns', { 'k8s-app': 'kube-dns' }, '10.96.0.10', [port(53, 'UDP'), port(53, 'TCP')]),
  world('istio-system', 'istiod', { app: 'istiod' }, '10.244.9.2', [port(15012), port(15017)]),
  // Vault's server pod as the helm chart labels it (API 8200, cluster 8201).
  world('vault', 'vault', { 'app.kubernetes.io/name': 'vault' }, '10.244.9.4', [port(8200), port(8201)]),
  world('default', 'unrelated-pod', { app: 'unrelated' }, '10.244.9.3', [port(8080)]),
  outside('internet-v4', '93.184.215.14', [port(443), port(80), port(22)]),
  outside('internet-v6', '2606:2800:21f:cb07:6820:80da:af6b:8b2c', [port(443)]),
  outside('cloud-metadata', '169.254.169.254', [port(80)]),
  outside('private-lan', '192.168.1.10', [port(443)]),
  outside('node-loopback', '127.0.0.1', [port(10250)]),
];

/** Every pod probes one port nobody declared, so a rule without `ports` shows up. */
export const UNDECLARED_PORT: EndpointPort = { port: 1, protocol: 'TCP' };

function port(number: number, protocol: Protocol = 'TCP'): EndpointPort {
  return { port: number, protocol };
}

function world(namespace: string, name: string, labels: Record<string, string>, ip: string, ports: EndpointPort[]): Endpoint {
  return { id: `${namespace}/${name}`, namespace, namespaceLabels: { 'kubernetes.io/metadata.name': namespace }, labels, ip, ports, serviceAccount: 'default' };
}

function outside(name: string, ip: string, ports: EndpointPort[]): Endpoint {
  return { id: `outside/${name}`, namespaceLabels: {}, labels: {}, ip, ports };
}

const NAME_LABEL = 'app.kubernetes.io/name';

/**
 * One endpoint per workload of the rendered manifests (a replica stands for
 * all), plus a stand-in pod for every namespace a policy names but nothing
 * runs in (for example `monitoring` without the monitoring component).
 */
export function endpointsOf(objects: readonly K8sObject[], extraNamespaces: readonly string[] = []): Endpoint[] {
  const namespaceLabels = new Map<string, Record<string, string>>();
  for (const ns of objects.filter((o) => o.kind === 'Namespace')) {
    namespaceLabels.set(ns.metadata.name, { ...(ns.metadata.labels ?? {}), 'kubernetes.io/metadata.name': ns.metadata.name });
  }
  const labelsOfNamespace = (name: string) => namespaceLabels.get(name) ?? { 'kubernetes.io/metadata.name': name };
  const pods: Endpoint[] = [];
  for (const object of objects) {
    const template = podTemplateOf(object);
    if (!template) continue;
    const namespace = object.metadata.namespace ?? 'default';
    const labels = template.metadata.labels ?? {};
    const ports = containersOf(template).flatMap((c) =>
      ((c['ports'] as Array<{ name?: string; containerPort: number; protocol?: Protocol }> | undefined) ?? []).map((p) => ({
        name: p.name,
        port: p.containerPort,
        protocol: p.protocol ?? 'TCP',
      })),
    );
    pods.push({
      id: `${namespace}/${labels[NAME_LABEL] ?? object.metadata.name}`,
      namespace,
      namespaceLabels: labelsOfNamespace(namespace),
      labels,
      ip: `10.244.0.${pods.length + 10}`,
      ports: [...ports, UNDECLARED_PORT],
      serviceAccount: (template.spec['serviceAccountName'] as string | undefined) ?? 'default',
      annotations: template.metadata.annotations ?? {},
    });
  }
  for (const namespace of extraNamespaces.filter((ns) => !pods.some((p) => p.namespace === ns))) {
    pods.push({ id: `${namespace}/any-pod`, namespace, namespaceLabels: labelsOfNamespace(namespace), labels: {}, ip: `10.244.8.${pods.length + 10}`, ports: [port(8080), UNDECLARED_PORT], serviceAccount: 'default' });
  }
  return [...pods, ...WORLD.map((w) => ({ ...w, ports: w.namespace ? [...w.ports, UNDECLARED_PORT] : w.ports }))];
}
