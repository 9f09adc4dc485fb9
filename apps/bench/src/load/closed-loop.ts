import { newHistogram, summarize } from './latency-histogram';
import { cpuMeter, type LoadResult, type Send } from './load-result';

/**
 * Closed loop: `concurrency` workers each send, wait, send again. Good for
 * the maximum throughput; its latencies hide queueing (coordinated
 * omission), so latency percentiles come from the open loop instead.
 */
export async function closedLoop(send: Send, concurrency: number, durationMs: number): Promise<LoadResult> {
  const histogram = newHistogram();
  const cpu = cpuMeter();
  const started = performance.now();
  const end = started + durationMs;
  let requests = 0;
  let errors = 0;
  const worker = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      const ok = await send().catch(() => false);
      histogram.recordValue(Math.max(1, Math.round((performance.now() - t0) * 1000)));
      requests++;
      if (!ok) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  // Throughput counts only successful requests: a fast error is not work done.
  return { ...summarize(histogram), requests, errors, reqPerSec: Math.round((requests - errors) / seconds), generatorCpuPct: cpu() };
}
