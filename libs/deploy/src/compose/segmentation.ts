import { SERVICES, SERVICE_NAMES, callEdges, type ServiceName } from '@shop/topology';
import { POSTGRES, REDIS, redisUsers, schemaOwners } from '../k8s/k8s-names';
import { PUBLIC_NETWORK } from './compose-networks';

/** What each source may open: target names (services, `postgres`, `redis`), sorted. */
export type Reachability = Record<string, string[]>;

export interface ProbeTarget {
  readonly target: string;
  /** The gRPC port; the gateway has none, so its HTTPS port (no service may open it). */
  readonly port: number;
}

/** The ports the segmentation proof opens, one per target. */
export function probeTargets(): ProbeTarget[] {
  const services = SERVICE_NAMES.map((name) => ({ target: name, port: (SERVICES[name].grpcPort ?? SERVICES[name].httpsPort) as number }));
  return [...services, { target: POSTGRES.name, port: POSTGRES.port }, { target: REDIS.name, port: REDIS.port }];
}

/** The topology's answer: callers reach their callees, schema owners PostgreSQL, Redis users Redis. Nothing else. */
export function expectedReachability(): Reachability {
  const result: Reachability = {};
  for (const source of SERVICE_NAMES) {
    const targets: string[] = callEdges().filter((edge) => edge.from === source).map((edge) => edge.to);
    if (schemaOwners().includes(source)) targets.push(POSTGRES.name);
    if (redisUsers().includes(source)) targets.push(REDIS.name);
    result[source] = targets.sort();
  }
  return result;
}

interface ComposeServiceShape {
  networks?: Record<string, { aliases?: string[] } | null> | string[];
  environment?: Record<string, string>;
  ports?: string[];
  network_mode?: string;
}

interface ComposeShape {
  services: Record<string, ComposeServiceShape>;
  networks: Record<string, { internal?: boolean } | null>;
}

function networkNames(service: ComposeServiceShape | undefined): string[] {
  if (!service?.networks) return [];
  return Array.isArray(service.networks) ? service.networks : Object.keys(service.networks);
}

/** The networks on which `target` listens: those carrying its BIND_HOST alias, or all of them. */
function listeningNetworks(doc: ComposeShape, target: string): string[] {
  const service = doc.services[target];
  const bindHost = service?.environment?.['BIND_HOST'];
  const all = networkNames(service);
  if (!bindHost || bindHost === '0.0.0.0' || Array.isArray(service?.networks)) return all;
  const networks = service?.networks as Record<string, { aliases?: string[] } | null>;
  return all.filter((name) => networks[name]?.aliases?.includes(bindHost));
}

/**
 * What a compose document allows, read from its networks and listen
 * addresses alone: source reaches target when they share a network on which
 * the target listens. The live probe measures the same thing with packets.
 */
export function predictedReachability(doc: ComposeShape): Reachability {
  const result: Reachability = {};
  for (const source of SERVICE_NAMES) {
    const mine = new Set(networkNames(doc.services[source]));
    result[source] = probeTargets()
      .map((probe) => probe.target)
      .filter((target) => target !== source && listeningNetworks(doc, target).some((name) => mine.has(name)))
      .sort();
  }
  return result;
}

/** Every difference, as `extra: a -> b` (reachable, not in the topology) or `missing: a -> b`. */
export function reachabilityProblems(expected: Reachability, observed: Reachability): string[] {
  const problems: string[] = [];
  const sources = [...new Set([...Object.keys(expected), ...Object.keys(observed)])].sort();
  for (const source of sources) {
    const want = new Set(expected[source] ?? []);
    const got = new Set(observed[source] ?? []);
    for (const target of [...got].sort()) if (!want.has(target)) problems.push(`extra: ${source} -> ${target}`);
    for (const target of [...want].sort()) if (!got.has(target)) problems.push(`missing: ${source} -> ${target}`);
  }
  return problems;
}

/**
 * Egress by inspection: every network but the public one is internal, only
 * the gateway joins the public one, and only the gateway publishes a port, on
 * 127.0.0.1. (The live check adds: no default route in any other container.)
 */
export function egressProblems(doc: ComposeShape): string[] {
  const problems: string[] = [];
  for (const [name, network] of Object.entries(doc.networks)) {
    if (name !== PUBLIC_NETWORK && network?.internal !== true) problems.push(`network ${name} is not internal`);
  }
  for (const [name, service] of Object.entries(doc.services)) {
    const isGateway = name === 'gateway';
    if (!isGateway && networkNames(service).includes(PUBLIC_NETWORK)) problems.push(`${name} joins the public network`);
    if (!isGateway && (service.ports ?? []).length > 0) problems.push(`${name} publishes ${service.ports?.join(', ')}`);
    if (!isGateway && !service.network_mode && networkNames(service).length === 0) problems.push(`${name} sits on the default network`);
    for (const port of service.ports ?? []) if (!port.startsWith('127.0.0.1:')) problems.push(`${name} publishes ${port} beyond 127.0.0.1`);
  }
  return problems;
}

/** The matrix as text: a row per source, `X` reachable, `.` not, `!` where it differs from the topology. */
export function formatReachability(observed: Reachability, expected: Reachability = expectedReachability()): string {
  const targets = probeTargets().map((probe) => probe.target);
  const width = Math.max(...targets.map((t) => t.length), 9);
  const head = `${'from \\ to'.padEnd(width)} ${targets.map((t) => t.padEnd(width)).join(' ')}`;
  const rows = SERVICE_NAMES.map((source: ServiceName) => {
    const cells = targets.map((target) => {
      if (target === source) return '-'.padEnd(width);
      const got = (observed[source] ?? []).includes(target);
      const want = (expected[source] ?? []).includes(target);
      return `${got ? 'X' : '.'}${got === want ? '' : '!'}`.padEnd(width);
    });
    return `${source.padEnd(width)} ${cells.join(' ')}`;
  });
  return [head, ...rows].map((row) => row.trimEnd()).join('\n');
}
