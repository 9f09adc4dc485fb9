import { SHOP_NAMESPACE } from '@shop/topology';
import type { Endpoint } from '../network/endpoint';

/**
 * What the checker knows about the manifests besides the topology: the
 * infrastructure workloads of the training cluster and where Prometheus
 * runs. These are the k8s/README.md contract, not the generator's data.
 */
export const MONITORING_NAMESPACE = 'monitoring';
export const MIGRATION_JOB = 'database-init';
export const POSTGRES_PORT = 5432;
export const REDIS_PORT = 6379;
export const NAME_LABEL = 'app.kubernetes.io/name';
/** Vault's server pod (helm release `vault` in the namespace `vault`) and its API port. */
export const VAULT_SERVER = 'vault/vault';
export const VAULT_PORT = 8200;
/** The Vault Agent Injector adds an agent to a pod that carries this annotation set to "true". */
export const VAULT_INJECT_ANNOTATION = 'vault.hashicorp.com/agent-inject';
export const VAULT_ROLE_ANNOTATION = 'vault.hashicorp.com/role';

/** Whether a pod runs a Vault Agent (the injector's opt-in annotation). */
export function runsVaultAgent(endpoint: Endpoint): boolean {
  return endpoint.annotations?.[VAULT_INJECT_ANNOTATION] === 'true';
}

/** The workload name of a pod of the shop namespace (its `app.kubernetes.io/name`), else undefined. */
export function workloadOf(endpoint: Endpoint): string | undefined {
  return endpoint.namespace === SHOP_NAMESPACE ? endpoint.labels[NAME_LABEL] : undefined;
}

/** The Istio principal of a pod: trust domain cluster.local, its namespace and ServiceAccount. */
export function meshPrincipalOfPod(endpoint: Endpoint): string | undefined {
  return endpoint.namespace ? `cluster.local/ns/${endpoint.namespace}/sa/${endpoint.serviceAccount ?? 'default'}` : undefined;
}
