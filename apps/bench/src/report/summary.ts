import type { PostureRun } from '../posture-run';
import type { ServiceName } from '@shop/topology';
import { HOPS, type WorkloadName } from '../load/workloads';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export interface WorkloadSummary {
  /** Median over A/B pairs of secure req/s divided by baseline req/s (closed loop). */
  readonly throughputRatio: number;
  readonly secureReqPerSec: number;
  readonly baselineReqPerSec: number;
  /** Open loop at the same rate in both postures. */
  readonly secureP50Ms: number;
  readonly baselineP50Ms: number;
  readonly secureP90Ms: number;
  readonly baselineP90Ms: number;
  /** Median over A/B pairs of (secure p90 - baseline p90) / internal hops: pairing cancels drift between pairs. */
  readonly addedP90PerHopMs: number;
  readonly secureP99Ms: number;
  readonly baselineP99Ms: number;
  /** Failed or refused requests over every measurement of this workload (closed and open loop), per posture. */
  readonly secureErrors: number;
  readonly baselineErrors: number;
  /** Per service: median CPU µs per successful request (closed loop), per posture. */
  readonly cpuUsPerRequest: Record<string, { secure: number; baseline: number }>;
}

export interface RssComparison {
  readonly secure: number;
  readonly baseline: number;
  readonly overhead: number;
}

export interface Summary {
  readonly workloads: Record<WorkloadName, WorkloadSummary>;
  readonly grpcHandshakesPer1000: number;
  /** Per service: median RSS right after start, and after the load, per posture. */
  readonly rssIdleMb: Record<string, RssComparison>;
  readonly rssMb: Record<string, RssComparison>;
  readonly coldStartMs: { secure: number; baseline: number };
}

export function summarizeRuns(runs: readonly PostureRun[]): Summary {
  const pairs: Array<[PostureRun, PostureRun]> = [];
  for (let i = 0; i + 1 < runs.length; i += 2) pairs.push([runs[i], runs[i + 1]]);
  const secure = runs.filter((r) => r.posture === 'secure');
  const baseline = runs.filter((r) => r.posture === 'baseline');
  const workload = (name: WorkloadName): WorkloadSummary => {
    const metric = (list: readonly PostureRun[], pick: (r: PostureRun) => number) => median(list.map(pick));
    const errors = (list: readonly PostureRun[]) => list.reduce((sum, r) => sum + r.workloads[name].closed.errors + r.workloads[name].open.errors, 0);
    const p90 = (r: PostureRun) => r.workloads[name].open.p90Ms;
    return {
      throughputRatio: round(median(pairs.map(([a, b]) => a.workloads[name].closed.reqPerSec / b.workloads[name].closed.reqPerSec))),
      secureReqPerSec: metric(secure, (r) => r.workloads[name].closed.reqPerSec),
      baselineReqPerSec: metric(baseline, (r) => r.workloads[name].closed.reqPerSec),
      secureP50Ms: metric(secure, (r) => r.workloads[name].open.p50Ms),
      baselineP50Ms: metric(baseline, (r) => r.workloads[name].open.p50Ms),
      secureP90Ms: metric(secure, p90),
      baselineP90Ms: metric(baseline, p90),
      addedP90PerHopMs: round(median(pairs.map(([a, b]) => (p90(a) - p90(b)) / HOPS[name])), 3),
      secureP99Ms: metric(secure, (r) => r.workloads[name].open.p99Ms),
      baselineP99Ms: metric(baseline, (r) => r.workloads[name].open.p99Ms),
      secureErrors: errors(secure),
      baselineErrors: errors(baseline),
      cpuUsPerRequest: Object.fromEntries(
        Object.keys(runs[0].workloads[name].cpuUsPerRequest).map((s) => {
          const cpu = (list: readonly PostureRun[]) => metric(list, (r) => r.workloads[name].cpuUsPerRequest[s as ServiceName]);
          return [s, { secure: cpu(secure), baseline: cpu(baseline) }];
        }),
      ),
    };
  };
  const services = Object.keys(runs[0].rssMb);
  const rss = (pick: (r: PostureRun) => Record<string, number>): Record<string, RssComparison> =>
    Object.fromEntries(
      services.map((s) => {
        const a = median(secure.map((r) => pick(r)[s]));
        const b = median(baseline.map((r) => pick(r)[s]));
        return [s, { secure: a, baseline: b, overhead: round(a - b, 1) }];
      }),
    );
  return {
    workloads: { products: workload('products'), checkout: workload('checkout') },
    grpcHandshakesPer1000: median(secure.map((r) => r.handshakesPer1000.grpc)),
    rssIdleMb: rss((r) => r.rssIdleMb),
    rssMb: rss((r) => r.rssMb),
    coldStartMs: { secure: median(secure.map((r) => r.coldStartMs)), baseline: median(baseline.map((r) => r.coldStartMs)) },
  };
}
