import { RPC_POLICIES, SERVICES, SERVICE_NAMES, type ServiceName } from '@shop/topology';
import { DATABASE_INIT, POSTGRES, REDIS, meshPrincipalOf, redisUsers, schemaOwners } from '../k8s-names';
import type { Manifest } from '../yaml-file';
import { meshResource, workload } from './mesh-resource';

/** What the ops port serves; anything else on it (or any other verb) is denied. */
export const OPS_PATHS = ['/healthz', '/readyz', '/metrics'];

/** One rule per caller: its principal, the exact gRPC paths it may call, on the gRPC port. */
function grpcRules(server: ServiceName): Array<Record<string, unknown>> {
  const port = String(SERVICES[server].grpcPort);
  const pathsByCaller = new Map<ServiceName, string[]>();
  for (const policy of RPC_POLICIES.filter((p) => p.server === server)) {
    for (const caller of policy.callers) pathsByCaller.set(caller, [...(pathsByCaller.get(caller) ?? []), policy.path]);
  }
  return [...pathsByCaller.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([caller, paths]) => ({
      from: [{ source: { principals: [meshPrincipalOf(caller)] } }],
      to: [{ operation: { ports: [port], methods: ['POST'], paths: [...paths].sort() } }],
    }));
}

function serviceRules(name: ServiceName): Array<Record<string, unknown>> {
  const spec = SERVICES[name];
  const rules = spec.grpcPort ? grpcRules(name) : [];
  // Plaintext from Prometheus has no principal, hence no `from`; the NetworkPolicy narrows the source.
  rules.push({ to: [{ operation: { ports: [String(spec.opsPort)], methods: ['GET'], paths: OPS_PATHS } }] });
  // The public edge: TLS from anyone, terminated by the app (TCP to the proxy, so ports only).
  if (spec.httpsPort) rules.push({ to: [{ operation: { ports: [String(spec.httpsPort)] } }] });
  return rules;
}

function tcpStoreRule(port: number, clients: readonly string[]): Array<Record<string, unknown>> {
  return [{ from: [{ source: { principals: clients.map(meshPrincipalOf) } }], to: [{ operation: { ports: [String(port)] } }] }];
}

/**
 * An allow-nothing policy for the namespace, then one ALLOW per workload.
 * Istio denies a request to a workload that has ALLOW policies when none
 * matches, so every path not listed here is refused with 403 / PERMISSION_DENIED.
 */
export function authorizationPolicies(): Manifest[] {
  const allow = (name: string, rules: Array<Record<string, unknown>>) =>
    meshResource('AuthorizationPolicy', `${name}-allow`, { selector: workload(name), action: 'ALLOW', rules });
  return [
    meshResource('AuthorizationPolicy', 'allow-nothing', {}),
    ...SERVICE_NAMES.map((name) => allow(name, serviceRules(name))),
    allow(POSTGRES.name, tcpStoreRule(POSTGRES.port, [...schemaOwners(), DATABASE_INIT])),
    allow(REDIS.name, tcpStoreRule(REDIS.port, redisUsers())),
  ];
}
