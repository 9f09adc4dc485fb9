import { closedLoop } from './closed-loop';
import { openLoop } from './open-loop';

// Every third request fails, after a short real wait.
function flakySend(): () => Promise<boolean> {
  let n = 0;
  return () => new Promise((resolve) => setTimeout(() => resolve(++n % 3 !== 0), 2));
}

describe('load loops', () => {
  it('closed loop counts errors and leaves them out of the throughput', async () => {
    const result = await closedLoop(flakySend(), 4, 300);
    expect(result.requests).toBeGreaterThan(30);
    expect(result.errors).toBeGreaterThanOrEqual(Math.floor(result.requests / 3) - 4);
    const allRequestsPerSec = result.requests / 0.3;
    expect(result.reqPerSec).toBeLessThan(allRequestsPerSec * 0.8);
  });

  it('open loop sends on schedule and counts what failed', async () => {
    const result = await openLoop(flakySend(), 200, 500);
    expect(result.requests).toBe(100);
    expect(result.errors).toBe(33);
    expect(result.p50Ms).toBeGreaterThanOrEqual(2);
  });
});
