import type { PostureRun } from '../posture-run';
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
  readonly secureP90Ms: number;
  readonly baselineP90Ms: number;
  readonly addedP90PerHopMs: number;
  readonly secureP99Ms: number;
  readonly baselineP99Ms: number;
}

export interface Summary {
  readonly workloads: Record<WorkloadName, WorkloadSummary>;
  readonly grpcHandshakesPer1000: number;
  readonly rssMb: Record<string, { secure: number; baseline: number; overhead: number }>;
  readonly coldStartMs: { secure: number; baseline: number };
}

export function summarizeRuns(runs: readonly PostureRun[]): Summary {
  const pairs: Array<[PostureRun, PostureRun]> = [];
  for (let i = 0; i + 1 < runs.length; i += 2) pairs.push([runs[i], runs[i + 1]]);
  const secure = runs.filter((r) => r.posture === 'secure');
  const baseline = runs.filter((r) => r.posture === 'baseline');
  const workload = (name: WorkloadName): WorkloadSummary => {
    const metric = (list: readonly PostureRun[], pick: (r: PostureRun) => number) => median(list.map(pick));
    const secureP90 = metric(secure, (r) => r.workloads[name].open.p90Ms);
    const baselineP90 = metric(baseline, (r) => r.workloads[name].open.p90Ms);
    return {
      throughputRatio: round(median(pairs.map(([a, b]) => a.workloads[name].closed.reqPerSec / b.workloads[name].closed.reqPerSec))),
      secureReqPerSec: metric(secure, (r) => r.workloads[name].closed.reqPerSec),
      baselineReqPerSec: metric(baseline, (r) => r.workloads[name].closed.reqPerSec),
      secureP90Ms: secureP90,
      baselineP90Ms: baselineP90,
      addedP90PerHopMs: round((secureP90 - baselineP90) / HOPS[name], 3),
      secureP99Ms: metric(secure, (r) => r.workloads[name].open.p99Ms),
      baselineP99Ms: metric(baseline, (r) => r.workloads[name].open.p99Ms),
    };
  };
  const services = Object.keys(runs[0].rssMb);
  return {
    workloads: { products: workload('products'), checkout: workload('checkout') },
    grpcHandshakesPer1000: median(secure.map((r) => r.handshakesPer1000.grpc)),
    rssMb: Object.fromEntries(
      services.map((s) => {
        const a = median(secure.map((r) => r.rssMb[s]));
        const b = median(baseline.map((r) => r.rssMb[s]));
        return [s, { secure: a, baseline: b, overhead: round(a - b, 1) }];
      }),
    ),
    coldStartMs: { secure: median(secure.map((r) => r.coldStartMs)), baseline: median(baseline.map((r) => r.coldStartMs)) },
  };
}
