import { SERVICES, SERVICE_NAMES } from '@shop/topology';
import type { Manifest } from '../yaml-file';
import { meshResource, workload } from './mesh-resource';

/**
 * STRICT mutual TLS for every workload of the namespace. Two kinds of ports
 * are opened to plaintext, each on the workload that has it:
 *  - ops ports (PERMISSIVE): Prometheus scrapes them from outside the mesh;
 *    the NetworkPolicy admits only the monitoring namespace, and the
 *    AuthorizationPolicy only GET on /healthz, /readyz and /metrics;
 *  - the public HTTPS port (DISABLE): clients outside the mesh speak TLS to
 *    the app itself.
 */
export function peerAuthentications(): Manifest[] {
  const perWorkload = SERVICE_NAMES.map((name) => {
    const spec = SERVICES[name];
    const portLevelMtls: Record<string, unknown> = { [String(spec.opsPort)]: { mode: 'PERMISSIVE' } };
    if (spec.httpsPort) portLevelMtls[String(spec.httpsPort)] = { mode: 'DISABLE' };
    return meshResource('PeerAuthentication', `${name}-plaintext-ports`, {
      selector: workload(name),
      mtls: { mode: 'STRICT' },
      portLevelMtls,
    });
  });
  return [meshResource('PeerAuthentication', 'default', { mtls: { mode: 'STRICT' } }), ...perWorkload];
}
