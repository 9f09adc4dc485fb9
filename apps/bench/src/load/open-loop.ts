import { newHistogram, summarize } from './latency-histogram';
import { cpuMeter, type LoadResult, type Send } from './load-result';

/**
 * Open loop: requests leave on a fixed schedule whatever the server does,
 * and each latency is measured from when the request SHOULD have left. A
 * stalled server therefore shows up in the percentiles instead of simply
 * slowing the sender down (no coordinated omission).
 */
export async function openLoop(send: Send, ratePerSec: number, durationMs: number, maxInFlight = 4000): Promise<LoadResult & { targetRate: number }> {
  const histogram = newHistogram();
  const cpu = cpuMeter();
  const interval = 1000 / ratePerSec;
  const started = performance.now();
  const total = Math.floor((durationMs / 1000) * ratePerSec);
  let scheduled = 0;
  let requests = 0;
  let errors = 0;
  let inFlight = 0;
  const inflight: Array<Promise<void>> = [];
  while (scheduled < total) {
    const now = performance.now();
    // Dispatch everything that is due; timers are coarse, the schedule is not.
    while (scheduled < total && started + scheduled * interval <= now) {
      const intended = started + scheduled * interval;
      scheduled++;
      if (inFlight >= maxInFlight) {
        errors++;
        continue;
      }
      inFlight++;
      inflight.push(
        send()
          .catch(() => false)
          .then((ok) => {
            histogram.recordValue(Math.max(1, Math.round((performance.now() - intended) * 1000)));
            requests++;
            inFlight--;
            if (!ok) errors++;
          }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(interval, started + scheduled * interval - performance.now()))));
  }
  await Promise.all(inflight);
  const seconds = (performance.now() - started) / 1000;
  return { ...summarize(histogram), requests, errors, reqPerSec: Math.round((requests - errors) / seconds), generatorCpuPct: cpu(), targetRate: ratePerSec };
}
