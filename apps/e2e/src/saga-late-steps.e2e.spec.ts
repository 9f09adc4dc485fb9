import { randomUUID } from 'node:crypto';
import { DEMO_ACCOUNTS, DEMO_PRODUCT_IDS } from '@shop/contracts';
import { startTestPlatform, type TestPlatform } from '@shop/testing';
import { placeOrder, stockOf } from './support/checkout';
import { asSuperuser } from './support/sql';

/** Longer than the 3 s the gateway gives a checkout: the step lands after order gave up. */
const LATE_MS = 4500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Issue 13, item 1: a charge or a reservation that commits after the order's
 * saga gave up. Payment and inventory really are slow here (SHOP_FAULT_DELAY,
 * test-only, in the real processes): the first reservation and the first
 * charge each take 4.5 s, past order's deadline. The saga compensates at
 * once (release, refund); the late step must then be refused, not land on
 * a cancelled order.
 */
describe('compensation wins the race against a late step', () => {
  let platform: TestPlatform;
  let token: string;

  beforeAll(async () => {
    platform = await startTestPlatform({ label: 'late-steps', env: { SHOP_FAULT_DELAY: `ReserveStock:${LATE_MS}:1,Charge:${LATE_MS}:1` } });
    token = (await platform.api.login(DEMO_ACCOUNTS[0].email, DEMO_ACCOUNTS[0].password)).accessToken;
  }, 120_000);

  afterAll(() => platform?.destroy());

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
    expect(order.status).toBe('CANCELLED');
    const held = await sql(async (db) => (await db.query("SELECT 1 FROM inventory.reservations WHERE order_id = $1 AND status = 'RESERVED'", [order.id])).rowCount);
    const tombstones = await sql(async (db) => (await db.query('SELECT 1 FROM inventory.released_orders WHERE order_id = $1', [order.id])).rowCount);
    expect({ held, tombstones }).toEqual({ held: 0, tombstones: 1 });
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
    expect(order.status).toBe('CANCELLED');
    const payments = await sql(async (db) => (await db.query<{ status: string }>('SELECT status FROM payments.payments WHERE order_id = $1', [order.id])).rows);
    expect(payments.map((p) => p.status)).toEqual(['VOIDED']);
    expect(await stockOf(platform.api, DEMO_PRODUCT_IDS.mug)).toBe(before);
  }, 60_000);

  it('with the delays spent, checkout works as before', async () => {
    const response = await placeOrder(platform.api, token, [{ productId: DEMO_PRODUCT_IDS.mug, quantity: 1 }]);
    expect([response.status, response.body.status]).toEqual([201, 'CONFIRMED']);
  }, 30_000);
});
