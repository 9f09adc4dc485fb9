import { SERVICES, SERVICE_NAMES, type ServiceName } from '@shop/topology';
import { DEPLOY } from '../deploy-settings';

/** Names and labels every manifest agrees on; the policy checker reads the same labels. */
export const NAME_LABEL = 'app.kubernetes.io/name';
export const PART_OF_LABEL = 'app.kubernetes.io/part-of';
export const COMPONENT_LABEL = 'app.kubernetes.io/component';
export const PART_OF = 'hardened-shop';

/** The namespace whose pods may open the ops ports (Prometheus lives there). */
export const MONITORING_NAMESPACE = 'monitoring';

/** Workloads of the training cluster that are not shop services. */
/** `passwordFile`: the superuser's password, alone in a file (platform-init writes it). */
export const POSTGRES = { name: 'postgres', port: 5432, uid: 999, passwordFile: 'password' } as const;
export const REDIS = { name: 'redis', port: 6379, uid: 999 } as const;
/** The one-shot Job that creates the database, roles and schemas, migrates and seeds. */
export const DATABASE_INIT = 'database-init';

/** Annotation a pod template must carry to mount a ServiceAccount token: why it needs one. */
export const API_TOKEN_REASON_ANNOTATION = 'hardened-shop.dev/api-token-reason';

export type WorkloadComponent = 'service' | 'database' | 'cache' | 'migrations' | 'monitoring';

export function labelsOf(name: string, component: WorkloadComponent): Record<string, string> {
  return { [NAME_LABEL]: name, [PART_OF_LABEL]: PART_OF, [COMPONENT_LABEL]: component };
}

export function selectorOf(name: string): Record<string, string> {
  return { [NAME_LABEL]: name };
}

/** Services owning a PostgreSQL schema: the only ones PostgreSQL admits. */
export function schemaOwners(): ServiceName[] {
  return SERVICE_NAMES.filter((name) => SERVICES[name].schema);
}

export function redisUsers(): ServiceName[] {
  return SERVICE_NAMES.filter((name) => SERVICES[name].usesRedis);
}

/** Secret created by scripts/kind-up.sh from SECRETS_DIR/<folder>/ (never committed). */
export function secretNameOf(folder: string): string {
  return `shop-${folder}`;
}

/**
 * Secret keys cannot hold '/', so `tls/svid.pem` is stored under `tls__svid.pem`
 * and mounted back at its path. scripts/kind-up.sh applies the same rule.
 */
export function secretKeyOf(relativePath: string): string {
  return relativePath.replaceAll('/', '__');
}

/** `order.shop.svc.cluster.local` */
export function serviceHostOf(name: string): string {
  return `${name}.${DEPLOY.namespace}.svc.cluster.local`;
}

/** The Istio principal of a workload's ServiceAccount (trust domain cluster.local). */
export function meshPrincipalOf(serviceAccount: string): string {
  return `cluster.local/ns/${DEPLOY.namespace}/sa/${serviceAccount}`;
}
