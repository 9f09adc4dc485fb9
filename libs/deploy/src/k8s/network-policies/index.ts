import { SERVICES, SERVICE_NAMES, callEdges } from '@shop/topology';
import type { GeneratedFile } from '../../generated-file';
import { DATABASE_INIT, POSTGRES, REDIS, redisUsers, schemaOwners } from '../k8s-names';
import { kustomizationFile, yamlFile, type Manifest } from '../yaml-file';
import { MONITORING_PEER, PUBLIC_INTERNET_PEERS, namespaceNamed, networkPolicy, podNamed, tcp } from './peers';

const DIR = 'k8s/components/network-policies';

/** Nothing in, nothing out, for every pod of the namespace; DNS to kube-dns only. */
function baseline(): Manifest[] {
  const kubeDns = namespaceNamed('kube-system', { 'k8s-app': 'kube-dns' });
  return [
    networkPolicy('default-deny', undefined, { ingress: [], egress: [] }),
    networkPolicy('dns-to-kube-dns', undefined, {
      egress: [{ to: [kubeDns], ports: [{ protocol: 'UDP', port: 53 }, tcp(53)] }],
    }),
  ];
}

/** One pair per call-graph edge: egress from the caller, ingress at the callee, on its gRPC port. */
function edges(): Manifest[] {
  return callEdges().flatMap((edge) => [
    networkPolicy(`edge-${edge.from}-to-${edge.to}-egress`, edge.from, { egress: [{ to: [podNamed(edge.to)], ports: [tcp(edge.port)] }] }),
    networkPolicy(`edge-${edge.from}-to-${edge.to}-ingress`, edge.to, { ingress: [{ from: [podNamed(edge.from)], ports: [tcp(edge.port)] }] }),
  ]);
}

/** PostgreSQL admits the schema owners and the database Job; Redis admits its users. */
function dataStores(): Manifest[] {
  const store = (name: string, port: number, clients: readonly string[]): Manifest[] => [
    networkPolicy(`${name}-ingress`, name, { ingress: [{ from: clients.map(podNamed), ports: [tcp(port)] }] }),
    ...clients.map((client) => networkPolicy(`${client}-to-${name}-egress`, client, { egress: [{ to: [podNamed(name)], ports: [tcp(port)] }] })),
  ];
  return [...store(POSTGRES.name, POSTGRES.port, [...schemaOwners(), DATABASE_INIT]), ...store(REDIS.name, REDIS.port, redisUsers())];
}

/** Ops ports from the monitoring namespace; the public edge from anywhere; the internet for who needs it. */
function edgesOfTheCluster(): Manifest[] {
  const policies: Manifest[] = [];
  for (const name of SERVICE_NAMES) {
    const spec = SERVICES[name];
    policies.push(networkPolicy(`${name}-ops-from-monitoring`, name, { ingress: [{ from: [MONITORING_PEER], ports: [tcp(spec.opsPort)] }] }));
    // No `from`: any source, inside or outside the cluster, may open the public HTTPS port.
    if (spec.httpsPort) policies.push(networkPolicy(`${name}-public-https`, name, { ingress: [{ ports: [tcp(spec.httpsPort)] }] }));
    const internetPorts = spec.internetEgressPorts ?? [];
    if (internetPorts.length > 0) {
      policies.push(networkPolicy(`${name}-internet-egress`, name, { egress: [{ to: PUBLIC_INTERNET_PEERS, ports: internetPorts.map(tcp) }] }));
    }
  }
  return policies;
}

export function networkPolicyFiles(): GeneratedFile[] {
  const files = [
    yamlFile(`${DIR}/baseline.yaml`, baseline),
    yamlFile(`${DIR}/call-graph-edges.yaml`, edges),
    yamlFile(`${DIR}/data-stores.yaml`, dataStores),
    yamlFile(`${DIR}/cluster-edges.yaml`, edgesOfTheCluster),
  ];
  return [...files, kustomizationFile(DIR, { resources: files.map((f) => f.path.slice(DIR.length + 1)) }, true)];
}
