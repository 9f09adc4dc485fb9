import { SERVICES, SHOP_NAMESPACE, callEdges, isServiceName } from '@shop/topology';
import { isPod, type Endpoint, type EndpointPort } from '../network/endpoint';
import { inCidr } from '../network/network-policy-eval';
import { connectionKey } from '../network/reachability';
import { MIGRATION_JOB, MONITORING_NAMESPACE, POSTGRES_PORT, REDIS_PORT, VAULT_PORT, VAULT_SERVER, runsVaultAgent, workloadOf } from './workloads';

/** Addresses that are never "the internet": private, shared, loopback, link-local, ULA, mapped. */
const NOT_PUBLIC = ['10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16', '::1/128', 'fc00::/7', 'fe80::/10', '::ffff:0:0/96'];

function isPublicInternet(endpoint: Endpoint): boolean {
  return !isPod(endpoint) && !NOT_PUBLIC.some((cidr) => inCidr(cidr, endpoint.ip));
}

export interface ReachabilityIntent {
  /** Sidecars need istiod (the istio-network-policies component). */
  readonly mesh: boolean;
  /** Some pod runs a Vault Agent: Vault's database engine then needs PostgreSQL (it creates the logins). */
  readonly vault: boolean;
}

/** Is this connection one the topology calls for? Written from the topology alone. */
function intended(source: Endpoint, target: Endpoint, port: EndpointPort, intent: ReachabilityIntent): boolean {
  const from = workloadOf(source);
  const to = workloadOf(target);
  const tcp = port.protocol === 'TCP';
  if (to !== undefined && isServiceName(to)) {
    const spec = SERVICES[to];
    if (tcp && port.port === spec.grpcPort) return callEdges().some((e) => e.from === from && e.to === to);
    if (tcp && port.port === spec.opsPort) return source.namespace === MONITORING_NAMESPACE;
    if (tcp && port.port === spec.httpsPort) return source.namespace !== SHOP_NAMESPACE;
    return false;
  }
  if (to === 'postgres') {
    const vaultEngine = intent.vault && source.id === VAULT_SERVER;
    return tcp && port.port === POSTGRES_PORT && (from === MIGRATION_JOB || vaultEngine || (isServiceName(from ?? '') && !!SERVICES[from as keyof typeof SERVICES].schema));
  }
  if (to === 'redis') return tcp && port.port === REDIS_PORT && isServiceName(from ?? '') && !!SERVICES[from as keyof typeof SERVICES].usesRedis;
  if (to !== undefined) return false;
  // The target is outside the shop namespace: the source is a shop pod.
  if (target.id === 'kube-system/kube-dns') return port.port === 53;
  if (target.id === 'istio-system/istiod') return intent.mesh && tcp && port.port === 15012;
  // A pod's Vault Agent logs in and reads its secrets there; a pod without one has no business with Vault.
  if (target.id === VAULT_SERVER) return runsVaultAgent(source) && tcp && port.port === VAULT_PORT;
  if (isPublicInternet(target) && from !== undefined && isServiceName(from)) {
    return tcp && (SERVICES[from].internetEgressPorts ?? []).includes(port.port);
  }
  return false;
}

/** The connections that must be allowed, and no others, among pairs with one side in the shop namespace. */
export function expectedReachability(endpoints: readonly Endpoint[], intent: ReachabilityIntent): Set<string> {
  const expected = new Set<string>();
  for (const source of endpoints) {
    for (const target of endpoints) {
      if (source === target || (source.namespace !== SHOP_NAMESPACE && target.namespace !== SHOP_NAMESPACE)) continue;
      for (const port of target.ports) {
        if (intended(source, target, port, intent)) expected.add(connectionKey(source, target, port));
      }
    }
  }
  return expected;
}
