import type { RunningPlatform } from '@shop/dev-platform';
import { SERVICE_NAMES, type ServiceName } from '@shop/topology';

export type CpuSeconds = Record<ServiceName, number>;

/** `process_cpu_seconds_total` (prom-client's default metric: user + system, from process.cpuUsage). */
async function cpuSecondsOf(opsUrl: string): Promise<number> {
  const text = await (await fetch(`${opsUrl}/metrics`)).text();
  // The registry adds a default `service` label, so the sample may carry labels.
  const line = text.split('\n').find((l) => /^process_cpu_seconds_total[ {]/.test(l));
  if (!line) throw new Error(`${opsUrl}/metrics has no process_cpu_seconds_total`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

/** Every service's own CPU counter, read from its ops port (so a restarted child is still counted right). */
export async function readServiceCpu(platform: RunningPlatform): Promise<CpuSeconds> {
  const values = await Promise.all(SERVICE_NAMES.map((s) => cpuSecondsOf(platform.opsUrl(s))));
  return Object.fromEntries(SERVICE_NAMES.map((s, i) => [s, values[i]])) as CpuSeconds;
}

/**
 * CPU microseconds each service spent per successful request between two readings.
 * Steadier than req/s on a shared 2-core machine: it does not depend on how much
 * CPU the load generator or another process took meanwhile.
 */
export function cpuPerRequestUs(before: CpuSeconds, after: CpuSeconds, successful: number): CpuSeconds {
  const perRequest = (s: ServiceName) => Math.round(((after[s] - before[s]) * 1e6) / Math.max(1, successful));
  return Object.fromEntries(SERVICE_NAMES.map((s) => [s, perRequest(s)])) as CpuSeconds;
}
