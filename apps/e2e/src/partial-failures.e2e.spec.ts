import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { DEMO_ACCOUNTS, DEMO_PRODUCT_IDS } from '@shop/contracts';
import { startTestPlatform, type TestPlatform } from '@shop/testing';
import { placeOrder, stockOf } from './support/checkout';
import { counterValue } from './support/metrics';
import { asSuperuser } from './support/sql';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A Redis of our own, so this test can take it away (the shared one is never stopped). */
function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) resolve(child);
    });
  });
}

const stopped = (child: ChildProcess) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));

/** Longer than the 3 s the gateway gives a checkout: the step lands after order gave up. */
const LATE_MS = 4500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('partial failures', () => {
  let platform: TestPlatform;
  let token: string;
  let redis: ChildProcess;
  let redisPort: number;

  // One platform for both groups (each boot costs half a minute): slow steps
  // injected for real, and a Redis of its own that can be taken away.
  beforeAll(async () => {
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    platform = await startTestPlatform({
      label: 'partial-failures',
      useRedis: false,
      env: { SHOP_FAULT_DELAY: `ReserveStock:${LATE_MS}:1,Charge:${LATE_MS}:1`, REDIS_URL: `redis://127.0.0.1:${redisPort}` },
    });
    token = (await platform.api.login(DEMO_ACCOUNTS[0].email, DEMO_ACCOUNTS[0].password)).accessToken;
  }, 120_000);

  afterAll(async () => {
    await platform?.destroy();
    redis?.kill('SIGKILL');
  });

  /**
   * Issue 13, item 1: a charge or a reservation that commits after the order's
   * saga gave up. Payment and inventory really are slow here (SHOP_FAULT_DELAY,
   * test-only, in the real processes): the first reservation and the first
   * charge each take 4.5 s, past order's deadline. The saga compensates at
   * once (release, refund); the late step must then be refused, not land on
   * a cancelled order.
   */
  describe('compensation wins the race against a late step', () => {
    const sql = <T>(work: Parameters<typeof asSuperuser<T>>[1]) => asSuperuser(platform.databaseName, work);
    const orderByKey = (key: string) =>
      sql(async (db) => (await db.query<{ id: string; status: string }>('SELECT id, status FROM orders.orders WHERE idempotency_key = $1', [key])).rows[0]);

    it('a reservation that lands late is refused: the release left a tombstone, no stock leaks', async () => {
      const before = await stockOf(platform.api, DEMO_PRODUCT_IDS.mug);
      const key = `late-reserve-${randomUUID()}`;
      const response = await placeOrder(platform.api, token, [{ productId: DEMO_PRODUCT_IDS.mug, quantity: 2 }], undefined, key);
      expect(response.status).toBeGreaterThanOrEqual(503);
      expect(response.body.code).toMatch(/^UPSTREAM\./);

      await sleep(LATE_MS + 1500); // the late reservation has had its chance
      const order = await orderByKey(key);
      const held = await sql(async (db) => (await db.query("SELECT 1 FROM inventory.reservations WHERE order_id = $1 AND status = 'RESERVED'", [order.id])).rowCount);
      const tombstones = await sql(async (db) => (await db.query('SELECT 1 FROM inventory.released_orders WHERE order_id = $1', [order.id])).rowCount);
      expect({ held, tombstones }).toEqual({ held: 0, tombstones: 1 });
      expect(order.status).toBe('CANCELLED');
      expect(await stockOf(platform.api, DEMO_PRODUCT_IDS.mug)).toBe(before);

      // The retry answers the final outcome, not "in progress".
      const retry = await placeOrder(platform.api, token, [{ productId: DEMO_PRODUCT_IDS.mug, quantity: 2 }], undefined, key);
      expect([retry.status, retry.body.code]).toEqual([503, 'UPSTREAM.UNAVAILABLE']);
    }, 60_000);

    it('a charge that lands late is refused: the refund voided it first, the card is never charged', async () => {
      const before = await stockOf(platform.api, DEMO_PRODUCT_IDS.mug);
      const key = `late-charge-${randomUUID()}`;
      const response = await placeOrder(platform.api, token, [{ productId: DEMO_PRODUCT_IDS.mug, quantity: 1 }], undefined, key);
      expect(response.status).toBeGreaterThanOrEqual(503);
      expect(response.body.code).toMatch(/^UPSTREAM\./);

      await sleep(LATE_MS + 1500);
      const order = await orderByKey(key);
      const payments = await sql(async (db) => (await db.query<{ status: string }>('SELECT status FROM payments.payments WHERE order_id = $1', [order.id])).rows);
      expect(payments.map((p) => p.status)).toEqual(['VOIDED']);
      expect(order.status).toBe('CANCELLED');
      expect(await stockOf(platform.api, DEMO_PRODUCT_IDS.mug)).toBe(before);
    }, 60_000);

    it('with the delays spent, checkout works as before', async () => {
      const response = await placeOrder(platform.api, token, [{ productId: DEMO_PRODUCT_IDS.mug, quantity: 1 }]);
      expect([response.status, response.body.status]).toEqual([201, 'CONFIRMED']);
    }, 30_000);
  });

  /**
   * Issue 13, item 7: an outage is not the user's fault. With Redis (rate
   * limits, token denylist) gone, a request with a perfectly good token gets
   * 503 with an UPSTREAM code and Retry-After, the gateway counts an outage
   * and raises no `auth_failed` security event, and its /readyz says why.
   */
  describe('outages of what the gateway needs to check a request', () => {
    const gatewayReady = async () => (await fetch(`${platform.opsUrl('gateway')}/readyz`)).json() as Promise<{ status: string; checks: Record<string, string> }>;

    it('Redis down: 503 UPSTREAM with Retry-After, counted as an outage, not an attack; readiness says redis', async () => {
      expect((await platform.api.get('/api/v1/orders', { token })).status).toBe(200);
      expect((await gatewayReady()).checks['redis']).toBe('ok');
      const ops = platform.opsUrl('gateway');
      const authFailedBefore = await counterValue(ops, 'shop_security_events_total', 'event="auth_failed"');

      redis.kill('SIGKILL');
      await stopped(redis);
      const response = await platform.api.get<{ code: string }>('/api/v1/orders', { token });
      expect([response.status, response.body.code]).toEqual([503, 'UPSTREAM.UNAVAILABLE']);
      expect(response.headers['retry-after']).toMatch(/^\d+$/);
      expect(await counterValue(ops, 'shop_security_events_total', 'event="auth_failed"')).toBe(authFailedBefore);
      expect(await counterValue(ops, 'shop_dependency_outages_total')).toBeGreaterThan(0);
      const readiness = await gatewayReady();
      expect(readiness.status).toBe('not_ready');
      expect(readiness.checks['redis']).toMatch(/^failing/);

      redis = await startRedis(redisPort);
      for (let i = 0; i < 50 && (await gatewayReady()).status !== 'ready'; i++) await new Promise((resolve) => setTimeout(resolve, 200));
      expect((await platform.api.get('/api/v1/orders', { token })).status).toBe(200);
    }, 60_000);
  });
});
