import { SERVICES, SERVICE_NAMES, downstreamsOf, type ServiceName } from '@shop/topology';
import { DATABASE_INIT, POSTGRES, REDIS, selectorOf, serviceHostOf } from '../k8s-names';
import type { Manifest } from '../yaml-file';
import { meshResource } from './mesh-resource';

/** The mesh services a workload's proxy knows about: its call-graph edges and data stores. */
function egressHostsOf(name: ServiceName): string[] {
  const spec = SERVICES[name];
  const targets: string[] = [...downstreamsOf(name)];
  if (spec.schema) targets.push(POSTGRES.name);
  if (spec.usesRedis) targets.push(REDIS.name);
  return targets.map((target) => `./${serviceHostOf(target)}`);
}

function sidecar(name: string, hosts: string[], internet: boolean): Manifest {
  return meshResource('Sidecar', name, {
    workloadSelector: { labels: selectorOf(name) },
    egress: [{ hosts }],
    // REGISTRY_ONLY: a destination the proxy does not know goes nowhere. Only a
    // workload with internet egress may pass through to unknown addresses (which
    // the NetworkPolicy still limits to public ones).
    outboundTrafficPolicy: { mode: internet ? 'ALLOW_ANY' : 'REGISTRY_ONLY' },
  });
}

/**
 * Per workload, the proxy is configured with its edges only. The namespace
 * default (no selector) covers PostgreSQL and Redis: they call nothing.
 */
export function sidecars(): Manifest[] {
  return [
    meshResource('Sidecar', 'default', {
      egress: [{ hosts: ['istio-system/*'] }],
      outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' },
    }),
    ...SERVICE_NAMES.map((name) => sidecar(name, egressHostsOf(name), (SERVICES[name].internetEgressPorts ?? []).length > 0)),
    sidecar(DATABASE_INIT, [`./${serviceHostOf(POSTGRES.name)}`], false),
  ];
}
