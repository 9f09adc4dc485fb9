import type { LatencySummary } from './latency-histogram';

export interface LoadResult extends LatencySummary {
  readonly requests: number;
  readonly errors: number;
  readonly reqPerSec: number;
  /** CPU the load generator itself used, as % of one core (it shares the machine). */
  readonly generatorCpuPct: number;
}

export type Send = () => Promise<boolean>;

export function cpuMeter(): () => number {
  const start = process.cpuUsage();
  const wall = performance.now();
  return () => {
    const used = process.cpuUsage(start);
    return Math.round(((used.user + used.system) / 1000 / (performance.now() - wall)) * 1000) / 10;
  };
}
