import { randomUUID } from 'node:crypto';
import { Pool } from 'undici';
import { DEMO_PRODUCT_IDS } from '@shop/contracts';
import type { Send } from './load-result';

export type WorkloadName = 'products' | 'checkout';

/** Internal gRPC hops one request of the workload makes (for "added latency per hop"). */
export const HOPS: Readonly<Record<WorkloadName, number>> = {
  products: 1, // gateway -> inventory
  checkout: 3, // gateway -> order, order -> inventory, order -> payment
};

const ORDER_BODY = JSON.stringify({
  items: [{ productId: DEMO_PRODUCT_IDS.mug, quantity: 1 }],
  payment: { cardNumber: '4242424242424242', expMonth: 12, expYear: 2040, cvc: '123' },
});

/** Keep-alive HTTPS pool to the gateway: a steady client, like a real frontend. */
export function gatewayPool(origin: string, ca: Buffer, connections: number): Pool {
  return new Pool(origin, { connect: { ca, servername: 'localhost' }, connections, pipelining: 1, keepAliveTimeout: 30_000 });
}

export function workload(name: WorkloadName, pool: Pool, token: string): Send {
  if (name === 'products') {
    return async () => {
      const response = await pool.request({ path: '/api/v1/products', method: 'GET' });
      await response.body.dump();
      return response.statusCode === 200;
    };
  }
  return async () => {
    const response = await pool.request({
      path: '/api/v1/orders',
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': `bench-${randomUUID()}` },
      body: ORDER_BODY,
    });
    await response.body.dump();
    return response.statusCode === 201;
  };
}
