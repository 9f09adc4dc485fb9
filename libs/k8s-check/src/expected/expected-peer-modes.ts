import { SERVICES, isServiceName } from '@shop/topology';
import { portLabel, type Endpoint } from '../network/endpoint';
import { workloadOf } from './workloads';

/**
 * STRICT everywhere, but for two kinds of ports: ops ports are PERMISSIVE
 * (Prometheus scrapes from outside the mesh) and the public HTTPS port is
 * DISABLE (clients outside the mesh speak TLS to the app).
 */
export function expectedPeerModes(endpoints: readonly Endpoint[]): Set<string> {
  const facts = new Set<string>();
  for (const pod of endpoints) {
    const name = workloadOf(pod);
    if (name === undefined) continue;
    for (const port of pod.ports.filter((p) => p.protocol === 'TCP')) {
      let mode = 'STRICT';
      if (isServiceName(name) && port.port === SERVICES[name].opsPort) mode = 'PERMISSIVE';
      if (isServiceName(name) && port.port === SERVICES[name].httpsPort) mode = 'DISABLE';
      facts.add(`${pod.id}:${portLabel(port)} ${mode}`);
    }
  }
  return facts;
}
