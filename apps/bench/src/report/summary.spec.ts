import type { PostureRun, Posture } from '../posture-run';
import type { LoadResult } from '../load/load-result';
import { summarizeRuns } from './summary';

const load = (reqPerSec: number, p90Ms: number, errors = 0): LoadResult & { targetRate: number } => ({
  requests: 1000,
  errors,
  reqPerSec,
  p50Ms: p90Ms / 2,
  p90Ms,
  p99Ms: p90Ms * 2,
  maxMs: p90Ms * 3,
  generatorCpuPct: 10,
  targetRate: 100,
});

const cpu = (gateway: number) => ({ gateway, auth: 0, order: 300, payment: 100, inventory: 120 });

const run = (posture: Posture, checkout: { rps: number; p90: number; errors?: number }, gatewayCpuUs = 500): PostureRun => ({
  posture,
  coldStartMs: posture === 'secure' ? 7000 : 6500,
  workloads: {
    products: { closed: load(600, 10), open: load(300, 10), cpuUsPerRequest: cpu(gatewayCpuUs) },
    checkout: { closed: load(checkout.rps, checkout.p90, checkout.errors), open: load(50, checkout.p90), cpuUsPerRequest: cpu(gatewayCpuUs * 2) },
  },
  handshakesPer1000: { grpc: 0, https: 0 },
  rssIdleMb: { gateway: posture === 'secure' ? 82 : 80 },
  rssMb: { gateway: posture === 'secure' ? 110 : 100 },
  loadWindowUs: { fromUs: 0, toUs: 1 },
});

describe('summarizeRuns', () => {
  // Pair 2 runs on a machine that got slower in both postures (drift); pairing cancels it.
  const runs = [
    run('secure', { rps: 90, p90: 33 }),
    run('baseline', { rps: 100, p90: 30 }),
    run('secure', { rps: 45, p90: 63, errors: 2 }),
    run('baseline', { rps: 50, p90: 60 }),
    run('secure', { rps: 80, p90: 36 }, 900),
    run('baseline', { rps: 100, p90: 30 }),
  ];
  const summary = summarizeRuns(runs);

  it('takes the median of the per-pair throughput ratios', () => {
    expect(summary.workloads.checkout.throughputRatio).toBe(0.9); // 0.9, 0.9, 0.8
  });

  it('computes the added p90 per hop from paired differences, not from two unrelated medians', () => {
    // pairs: (33-30)/3 = 1, (63-60)/3 = 1, (36-30)/3 = 2 -> median 1
    expect(summary.workloads.checkout.addedP90PerHopMs).toBe(1);
    expect(summary.workloads.products.addedP90PerHopMs).toBe(0);
  });

  it('reports p50 and the errors of every measurement per posture', () => {
    expect(summary.workloads.checkout).toMatchObject({ secureP50Ms: 18, baselineP50Ms: 15, secureErrors: 2, baselineErrors: 0 });
  });

  it('reports each service\'s CPU per request as the median per posture, so one noisy run does not move it', () => {
    // secure gateway: 500, 500, 900 -> 500; checkout doubles it
    expect(summary.workloads.products.cpuUsPerRequest['gateway']).toEqual({ secure: 500, baseline: 500 });
    expect(summary.workloads.checkout.cpuUsPerRequest['gateway']).toEqual({ secure: 1000, baseline: 1000 });
    expect(summary.workloads.checkout.cpuUsPerRequest['order']).toEqual({ secure: 300, baseline: 300 });
  });

  it('reports RSS overhead and cold start per posture', () => {
    expect(summary.rssMb['gateway']).toEqual({ secure: 110, baseline: 100, overhead: 10 });
    expect(summary.rssIdleMb['gateway']).toEqual({ secure: 82, baseline: 80, overhead: 2 });
    expect(summary.coldStartMs).toEqual({ secure: 7000, baseline: 6500 });
  });
});
