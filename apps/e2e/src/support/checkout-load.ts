import { randomUUID } from 'node:crypto';
import type { ApiClient } from '@shop/dev-platform';
import { placeOrder } from './checkout';

/** What one checkout attempt saw: an HTTP status, or `network` when no answer came at all. */
export interface Attempt {
  readonly startedAt: number;
  readonly endedAt: number;
  readonly key: string;
  readonly token: string;
  readonly status: number | 'network';
  readonly code?: string;
  readonly retryAfter?: string;
}

/**
 * Closed-loop checkout load: `workers` buyers, each placing one-unit orders
 * back to back with a fresh Idempotency-Key, until stopped. Every attempt is
 * recorded, so a test can ask what clients saw in any time window.
 */
export class CheckoutLoad {
  readonly attempts: Attempt[] = [];
  private running = false;
  private loops: Array<Promise<void>> = [];

  constructor(
    private readonly api: ApiClient,
    private readonly tokens: readonly string[],
    private readonly productId: string,
    private readonly workers: number,
  ) {}

  start(): void {
    this.running = true;
    this.loops = Array.from({ length: this.workers }, (_, i) => this.loop(this.tokens[i % this.tokens.length]));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async loop(token: string): Promise<void> {
    while (this.running) {
      const key = `chaos-${randomUUID()}`;
      const startedAt = Date.now();
      try {
        const response = await placeOrder(this.api, token, [{ productId: this.productId, quantity: 1 }], undefined, key);
        const retryAfter = response.headers['retry-after'];
        this.attempts.push({ startedAt, endedAt: Date.now(), key, token, status: response.status, code: response.body.code, retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined });
      } catch {
        this.attempts.push({ startedAt, endedAt: Date.now(), key, token, status: 'network' });
        await new Promise((resolve) => setTimeout(resolve, 100)); // nobody listening: do not spin
      }
    }
  }

  /** Attempts that ended in [from, to). */
  between(from: number, to: number): Attempt[] {
    return this.attempts.filter((a) => a.endedAt >= from && a.endedAt < to);
  }

  /** "201 x12, 503 UPSTREAM.UNAVAILABLE x3, network x2": what clients saw. */
  static summarize(attempts: readonly Attempt[]): string {
    const counts = new Map<string, number>();
    for (const a of attempts) {
      const label = a.status === 'network' ? 'network' : `${a.status}${a.code ? ` ${a.code}` : ''}`;
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    return [...counts.entries()].map(([label, n]) => `${label} x${n}`).join(', ') || 'none';
  }

  /** The first attempt that started at or after `from` and succeeded. */
  firstSuccessAfter(from: number): Attempt | undefined {
    return this.attempts.filter((a) => a.startedAt >= from && a.status === 201).sort((a, b) => a.endedAt - b.endedAt)[0];
  }
}
