import { RPC_POLICIES, SERVICES, SERVICE_NAMES, spiffeIdOf, type ServiceName } from '@shop/topology';
import type { Endpoint } from '../network/endpoint';
import type { MeshIdentity } from '../mesh/mesh-identities';
import { grantKey } from '../mesh/principal-table';
import { OPS_PATHS } from '../mesh/request-catalogue';
import { MIGRATION_JOB, POSTGRES_PORT, REDIS_PORT, workloadOf } from './workloads';

/** Under Istio the principal is the SPIFFE ID without its scheme, in trust domain cluster.local. */
export function principalOf(service: string): string {
  return spiffeIdOf(service as ServiceName, 'cluster.local').replace('spiffe://', '');
}

/**
 * The grants the topology calls for, written from the topology alone: each
 * caller's exact gRPC paths; GET on the ops paths and the public HTTPS port
 * for any caller; the data stores for their clients' principals.
 */
export function expectedGrants(endpoints: readonly Endpoint[], identities: readonly MeshIdentity[]): Set<string> {
  const expected = new Set<string>();
  const known = new Set(identities.map((i) => i.label));
  const pod = (name: string) => endpoints.find((e) => workloadOf(e) === name);
  const grant = (identity: string, target: string, port: number, http?: { method: string; path: string }) => {
    const endpoint = pod(target);
    if (endpoint && known.has(identity)) expected.add(grantKey(identity, endpoint, { port, protocol: 'TCP' }, http));
  };
  for (const policy of RPC_POLICIES) {
    for (const caller of policy.callers) grant(principalOf(caller), policy.server, SERVICES[policy.server].grpcPort as number, { method: 'POST', path: policy.path });
  }
  for (const name of SERVICE_NAMES) {
    const spec = SERVICES[name];
    for (const identity of known) {
      for (const path of OPS_PATHS) grant(identity, name, spec.opsPort, { method: 'GET', path });
      if (spec.httpsPort) grant(identity, name, spec.httpsPort);
    }
  }
  const schemaOwners = SERVICE_NAMES.filter((n) => SERVICES[n].schema);
  for (const client of [...schemaOwners, MIGRATION_JOB]) grant(principalOf(client), 'postgres', POSTGRES_PORT);
  for (const client of SERVICE_NAMES.filter((n) => SERVICES[n].usesRedis)) grant(principalOf(client), 'redis', REDIS_PORT);
  return expected;
}
