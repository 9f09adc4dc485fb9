import { SERVICES, SERVICE_NAMES, callEdges, type ServiceName } from '@shop/topology';
import { POSTGRES, REDIS, redisUsers, schemaOwners } from '../k8s/k8s-names';

/** The only network that is not internal: the gateway's way in (its published port). */
export const PUBLIC_NETWORK = 'public';
/** The init tool's own way to PostgreSQL (it creates roles and runs the migrations). */
export const INIT_NETWORK = 'init-postgres';
export const DATABASE_INIT = 'database-init';

export interface ComposeNetwork {
  readonly name: string;
  /** Containers attached to it; a bridge network lets them all reach each other. */
  readonly members: readonly string[];
  readonly internal: boolean;
}

/**
 * One internal network per call-graph edge, per schema owner to PostgreSQL,
 * per Redis user to Redis, plus the gateway's public network. Two containers
 * share a network exactly when the topology says one may call the other.
 */
export function composeNetworks(): ComposeNetwork[] {
  const edges = callEdges().map((edge) => ({ name: `edge-${edge.from}-${edge.to}`, members: [edge.from, edge.to], internal: true }));
  const databases = schemaOwners().map((service) => ({ name: `db-${service}`, members: [service, POSTGRES.name], internal: true }));
  const caches = redisUsers().map((service) => ({ name: `redis-${service}`, members: [service, REDIS.name], internal: true }));
  return [
    { name: PUBLIC_NETWORK, members: ['gateway'], internal: false },
    ...edges.sort((a, b) => a.name.localeCompare(b.name)),
    ...databases,
    ...caches,
    { name: INIT_NETWORK, members: [DATABASE_INIT, POSTGRES.name], internal: true },
  ];
}

export function networksOf(container: string, networks: readonly ComposeNetwork[] = composeNetworks()): string[] {
  return networks.filter((network) => network.members.includes(container)).map((network) => network.name);
}

/**
 * The networks a service's callers reach it on: the edges into it, or for the
 * gateway its public network. Other networks it joins are for its own calls.
 */
export function ingressNetworksOf(service: ServiceName): string[] {
  if (SERVICES[service].httpsPort) return [PUBLIC_NETWORK];
  return callEdges()
    .filter((edge) => edge.to === service)
    .map((edge) => `edge-${edge.from}-${edge.to}`)
    .sort();
}

/** `order-ingress`: a name that resolves, inside the service, to its address on its one ingress network. */
export function ingressAliasOf(service: ServiceName): string {
  return `${service}-ingress`;
}

/**
 * Where a service listens. Bridges are symmetric: order shares a network with
 * inventory to call it, so inventory could open order's port on that network.
 * A service with one ingress network therefore listens only on its address
 * there (an alias that exists on that network alone); the reverse direction
 * finds nothing listening. A service with several ingress networks listens on
 * all addresses; the segmentation test proves no non-caller shares one.
 */
export function bindHostOf(service: ServiceName): string {
  return ingressNetworksOf(service).length === 1 ? ingressAliasOf(service) : '0.0.0.0';
}

export function isComposeService(name: string): name is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(name);
}
