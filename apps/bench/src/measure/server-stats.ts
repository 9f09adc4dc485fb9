import { readFileSync } from 'node:fs';
import type { RunningPlatform } from '@shop/dev-platform';
import { GRPC_SERVICES, type ServiceName } from '@shop/topology';

async function counter(url: string, name: string, filter: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && line.includes(filter))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/** Completed TLS handshakes, counted by the servers themselves. */
export async function handshakes(platform: RunningPlatform): Promise<{ grpc: number; https: number }> {
  const grpc = await Promise.all(GRPC_SERVICES.map((s) => counter(platform.opsUrl(s), 'shop_tls_handshakes_total', 'listener="grpc"')));
  return { grpc: grpc.reduce((a, b) => a + b, 0), https: await counter(platform.opsUrl('gateway'), 'shop_tls_handshakes_total', 'listener="https"') };
}

/** Resident memory of each service process, in MB, from /proc. */
export function rssMb(platform: RunningPlatform): Record<ServiceName, number> {
  const entries = platform.services.map((s) => {
    const status = readFileSync(`/proc/${s.child.pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return [s.service, Math.round(kb / 102.4) / 10] as const;
  });
  return Object.fromEntries(entries) as Record<ServiceName, number>;
}
