import type { ApiClient } from '@shop/dev-platform';
import { placeOrder } from './checkout';

/** One request the load made: what, when (epoch ms), and whether the answer was the expected one. */
export interface TimedRequest {
  readonly op: 'checkout' | 'list' | 'product' | 'refresh';
  readonly start: number;
  readonly end: number;
  readonly status: number;
  readonly ok: boolean;
  readonly problem?: string;
}

export interface LoadOptions {
  readonly api: ApiClient;
  /** Access tokens of the customers who check out (round robin). */
  readonly customers: readonly string[];
  /** A refresh token whose chain one sequential loop keeps rotating (auth's database). */
  readonly refreshToken: string;
  /** Products checked out one unit at a time, round robin. */
  readonly productIds: readonly string[];
  readonly shoppers: number;
  /** Polled between requests; the load ends when it returns true. */
  readonly done: () => boolean;
}

async function timed(op: TimedRequest['op'], expected: number, send: () => Promise<{ status: number; body: unknown }>, check?: (body: unknown) => boolean): Promise<TimedRequest> {
  const start = Date.now();
  try {
    const { status, body } = await send();
    const ok = status === expected && (check?.(body) ?? true);
    return { op, start, end: Date.now(), status, ok, problem: ok ? undefined : JSON.stringify(body).slice(0, 300) };
  } catch (error) {
    return { op, start, end: Date.now(), status: 0, ok: false, problem: (error as Error).message };
  }
}

/**
 * Continuous shop traffic over HTTPS through the gateway: `shoppers` loops
 * alternating a checkout with catalogue reads (order, inventory and payment
 * databases), plus one loop rotating a refresh token (auth's database).
 * Every request is recorded; an unexpected status is a failure.
 */
export async function driveShopLoad(options: LoadOptions): Promise<TimedRequest[]> {
  const requests: TimedRequest[] = [];
  let counter = 0;
  const shopper = async () => {
    while (!options.done()) {
      const n = counter++;
      const productId = options.productIds[n % options.productIds.length] as string;
      if (n % 3 === 0) {
        const token = options.customers[n % options.customers.length] as string;
        requests.push(await timed('checkout', 201, () => placeOrder(options.api, token, [{ productId, quantity: 1 }]), (body) => (body as { status?: string }).status === 'CONFIRMED'));
      } else if (n % 3 === 1) {
        requests.push(await timed('list', 200, () => options.api.get('/api/v1/products')));
      } else {
        requests.push(await timed('product', 200, () => options.api.get(`/api/v1/products/${productId}`)));
      }
    }
  };
  const refresher = async () => {
    let refreshToken = options.refreshToken;
    while (!options.done()) {
      const request = await timed('refresh', 200, async () => {
        const response = await options.api.post<{ refreshToken?: string }>('/api/v1/auth/refresh', { refreshToken });
        if (response.body.refreshToken) refreshToken = response.body.refreshToken;
        return response;
      });
      requests.push(request);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  await Promise.all([...Array.from({ length: options.shoppers }, shopper), refresher()]);
  return requests.sort((a, b) => a.start - b.start);
}

/** The longest request that was in flight at any moment of one of the windows (epoch ms). */
export function longestDuring(requests: readonly TimedRequest[], windows: ReadonlyArray<readonly [number, number]>): number {
  return requests
    .filter((r) => windows.some(([from, to]) => r.start <= to && r.end >= from))
    .reduce((longest, r) => Math.max(longest, r.end - r.start), 0);
}

export function percentile(requests: readonly TimedRequest[], p: number): number {
  const sorted = requests.map((r) => r.end - r.start).sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
