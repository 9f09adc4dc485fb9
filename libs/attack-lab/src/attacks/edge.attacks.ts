import type { TLSSocket } from 'node:tls';
import { blocked, succeeded, type Attack } from '../attack';
import type { LabTarget } from '../lab-target';
import { openTls, slowBodyStart, type EdgeAddress } from '../raw-edge';

/** More unfinished requests than the gateway's 256 concurrency slots, spread so no per-address cap is reached. */
const SLOW_ADDRESSES = 10;
const SLOW_PER_ADDRESS = 28;
const IDLE_FROM_ONE_ADDRESS = 100;

function edgeOf(target: LabTarget, from: string): EdgeAddress {
  return { port: Number(new URL(target.gatewayUrl).port), ca: target.pkiFile('web-ca.pem'), from };
}

async function openMany(target: LabTarget, from: string, count: number): Promise<TLSSocket[]> {
  const attempts = await Promise.allSettled(Array.from({ length: count }, () => openTls(edgeOf(target, from), 15_000)));
  return attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
}

/** OWASP API4 at the connection level: what costs an attacker a socket and costs the gateway a slot. */
export const EDGE_ATTACKS: readonly Attack[] = [
  {
    id: 'slow-body-slot-exhaustion',
    title: `${SLOW_ADDRESSES * SLOW_PER_ADDRESS} requests whose bodies never finish, then a customer's request`,
    controls: ['edge-limits'],
    run: async (target) => {
      const sockets = (await Promise.all(Array.from({ length: SLOW_ADDRESSES }, (_, n) => openMany(target, `127.0.0.${100 + n}`, SLOW_PER_ADDRESS)))).flat();
      try {
        for (const socket of sockets) socket.write(slowBodyStart('/api/v1/auth/login'));
        await new Promise((resolve) => setTimeout(resolve, 500));
        const victim = await target.api.get('/api/v1/products');
        const evidence = `${sockets.length} slow bodies held open; the customer got ${victim.status} ${String(victim.body['code'] ?? '')}`.trim();
        return victim.status === 503 ? succeeded(evidence) : blocked(evidence);
      } finally {
        for (const socket of sockets) socket.destroy();
      }
    },
  },
  {
    id: 'idle-connections-one-address',
    title: `${IDLE_FROM_ONE_ADDRESS} idle TLS connections from one address`,
    controls: ['edge-limits'],
    run: async (target) => {
      const sockets = await openMany(target, '127.0.0.99', IDLE_FROM_ONE_ADDRESS);
      for (const socket of sockets) socket.destroy();
      const evidence = `${sockets.length} of ${IDLE_FROM_ONE_ADDRESS} connections accepted`;
      return sockets.length === IDLE_FROM_ONE_ADDRESS ? succeeded(evidence) : blocked(evidence);
    },
  },
];
