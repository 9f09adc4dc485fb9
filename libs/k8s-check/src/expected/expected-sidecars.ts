import { SERVICES, downstreamsOf, isServiceName } from '@shop/topology';
import type { Endpoint } from '../network/endpoint';
import { MIGRATION_JOB, workloadOf } from './workloads';

const host = (name: string) => `./${name}.shop.svc.cluster.local`;

/**
 * Each service's proxy knows its downstreams and its data stores only, and
 * sends anything else nowhere, except a service with internet egress, whose
 * unknown destinations pass through (the NetworkPolicy bounds them). The
 * data stores call nothing: they know only the control plane.
 */
export function expectedSidecarScopes(endpoints: readonly Endpoint[]): Set<string> {
  const facts = new Set<string>();
  for (const pod of endpoints) {
    const name = workloadOf(pod);
    if (name === undefined) continue;
    let hosts: string[];
    let internet = false;
    if (isServiceName(name)) {
      const spec = SERVICES[name];
      hosts = [...downstreamsOf(name), ...(spec.schema ? ['postgres'] : []), ...(spec.usesRedis ? ['redis'] : [])].map(host);
      internet = (spec.internetEgressPorts ?? []).length > 0;
    } else {
      hosts = name === MIGRATION_JOB ? [host('postgres')] : ['istio-system/*'];
    }
    for (const h of hosts) facts.add(`${pod.id} egress ${h}`);
    facts.add(`${pod.id} outbound ${internet ? 'ALLOW_ANY' : 'REGISTRY_ONLY'}`);
  }
  return facts;
}
