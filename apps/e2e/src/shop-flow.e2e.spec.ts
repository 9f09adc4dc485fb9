import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_ACCOUNTS, DEMO_PRODUCT_IDS } from '@shop/contracts';
import { startTestPlatform, type TestPlatform } from '@shop/testing';
import { CARDS, placeOrder, stockOf, type OrderBody } from './support/checkout';
import { asSuperuser } from './support/sql';

const [ALICE, BOB, ADMIN] = DEMO_ACCOUNTS;
const MUG = DEMO_PRODUCT_IDS.mug;

describe('the shop, end to end over HTTPS', () => {
  let platform: TestPlatform;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    // Generous limits: this file checks the shop, not the rate limiter.
    // Every buyer here shares 127.0.0.1: the per-address limits (requests per 10 s, and 32
    // unanswered requests at once) would refuse the 50 concurrent buyers below as one client.
    platform = await startTestPlatform({
      label: 'flow',
      env: { SHOP_RATE_LIMIT_IP_PER_10S: '5000', SHOP_RATE_LIMIT_USER_PER_10S: '5000', SHOP_HTTP_MAX_IN_FLIGHT_PER_IP: '256' },
    });
    alice = (await platform.api.login(ALICE.email, ALICE.password)).accessToken;
    bob = (await platform.api.login(BOB.email, BOB.password)).accessToken;
  });

  afterAll(() => platform?.destroy());

  it('registers a new customer who can then log in; registering the email again changes nothing and reveals nothing', async () => {
    const email = `carol-${randomUUID().slice(0, 8)}@example.com`;
    const registered = await platform.api.post('/api/v1/auth/register', { email, password: 'carol-password-1', displayName: 'Carol' });
    expect([registered.status, registered.body]).toEqual([201, { email }]);
    const again = await platform.api.post('/api/v1/auth/register', { email, password: 'mallory-password-1', displayName: 'Mallory' });
    expect([again.status, again.body]).toEqual([201, { email }]);
    const hijack = await platform.api.post('/api/v1/auth/login', { email, password: 'mallory-password-1' });
    expect([hijack.status, hijack.body['code']]).toEqual([401, 'AUTH.INVALID_CREDENTIALS']);
    const tokens = await platform.api.login(email, 'carol-password-1');
    expect(tokens.accessToken.split('.')).toHaveLength(3);
    const wrong = await platform.api.post('/api/v1/auth/login', { email, password: 'not-the-password' });
    expect([wrong.status, wrong.body['code']]).toEqual([401, 'AUTH.INVALID_CREDENTIALS']);
  });

  it('lists at least ten products with explicit public fields only', async () => {
    const response = await platform.api.get<{ items: Array<Record<string, unknown>> }>('/api/v1/products');
    expect(response.status).toBe(200);
    expect(response.body.items.length).toBeGreaterThanOrEqual(10);
    for (const product of response.body.items) expect(Object.keys(product).sort()).toEqual(['currency', 'id', 'name', 'price', 'stock']);
    const unknown = await platform.api.get(`/api/v1/products/${randomUUID()}`);
    expect([unknown.status, unknown.body['code']]).toEqual([404, 'PRODUCT.NOT_FOUND']);
  });

  it('confirms an order and takes the stock', async () => {
    const before = await stockOf(platform.api, MUG);
    const response = await placeOrder(platform.api, alice, [{ productId: MUG, quantity: 2 }]);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: 'CONFIRMED', total: 2 * response.body.items[0].unitPrice, currency: 'EUR' });
    expect(await stockOf(platform.api, MUG)).toBe(before - 2);
  });

  it('fails a declined card, restores the stock and keeps the order as PAYMENT_DECLINED', async () => {
    const before = await stockOf(platform.api, MUG);
    const response = await placeOrder(platform.api, alice, [{ productId: MUG, quantity: 3 }], CARDS.declined);
    expect([response.status, response.body.code]).toEqual([402, 'ORDER.PAYMENT_DECLINED']);
    expect(await stockOf(platform.api, MUG)).toBe(before);
    const order = await platform.api.get<OrderBody>(`/api/v1/orders/${response.body.orderId}`, { token: alice });
    expect(order.body.status).toBe('PAYMENT_DECLINED');
  });

  it('replays the same order for the same Idempotency-Key and charges exactly once', async () => {
    const key = `retry-${randomUUID()}`;
    const first = await placeOrder(platform.api, alice, [{ productId: MUG, quantity: 1 }], CARDS.good, key);
    const second = await placeOrder(platform.api, alice, [{ productId: MUG, quantity: 1 }], CARDS.good, key);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    const charges = await asSuperuser(platform.databaseName, (db) =>
      db.query('SELECT count(*)::int AS n FROM payments.payments WHERE order_id = $1', [first.body.id]),
    );
    expect(charges.rows[0].n).toBe(1);
    const reused = await placeOrder(platform.api, alice, [{ productId: MUG, quantity: 2 }], CARDS.good, key);
    expect([reused.status, reused.body.code]).toEqual([422, 'ORDER.IDEMPOTENCY_KEY_REUSED']);
  });

  it("answers 404 for someone else's order and lists only the caller's own", async () => {
    const aliceOrder = await placeOrder(platform.api, alice, [{ productId: MUG, quantity: 1 }]);
    const peek = await platform.api.get(`/api/v1/orders/${aliceOrder.body.id}`, { token: bob });
    expect([peek.status, peek.body['code']]).toEqual([404, 'ORDER.NOT_FOUND']);
    await placeOrder(platform.api, bob, [{ productId: MUG, quantity: 1 }]);
    const bobsList = await platform.api.get<{ items: OrderBody[] }>('/api/v1/orders', { token: bob });
    const alicesList = await platform.api.get<{ items: OrderBody[] }>('/api/v1/orders', { token: alice });
    expect(bobsList.body.items.length).toBeGreaterThan(0);
    const aliceIds = new Set(alicesList.body.items.map((o) => o.id));
    expect(bobsList.body.items.some((o) => aliceIds.has(o.id))).toBe(false);
  });

  it('keeps the admin listing for admins: 403 for a customer, 200 for an admin', async () => {
    const customer = await platform.api.get('/api/v1/admin/orders', { token: bob });
    expect([customer.status, customer.body['code']]).toEqual([403, 'AUTH.FORBIDDEN']);
    const admin = (await platform.api.login(ADMIN.email, ADMIN.password)).accessToken;
    const all = await platform.api.get<{ items: OrderBody[] }>('/api/v1/admin/orders', { token: admin });
    expect(all.status).toBe(200);
    expect(all.body.items.length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['an unknown field', { items: [{ productId: MUG, quantity: 1 }], payment: CARDS.good, total: 1 }, 'REQUEST.UNKNOWN_FIELD'],
    ['quantity 0', { items: [{ productId: MUG, quantity: 0 }], payment: CARDS.good }, 'REQUEST.VALIDATION_FAILED'],
    ['a negative quantity', { items: [{ productId: MUG, quantity: -3 }], payment: CARDS.good }, 'REQUEST.VALIDATION_FAILED'],
    ['a huge quantity', { items: [{ productId: MUG, quantity: 1_000_000 }], payment: CARDS.good }, 'REQUEST.VALIDATION_FAILED'],
    ['no items', { items: [], payment: CARDS.good }, 'REQUEST.VALIDATION_FAILED'],
  ])('rejects an order with %s', async (_case, body, code) => {
    const response = await platform.api.post('/api/v1/orders', body, { token: alice, headers: { 'Idempotency-Key': `bad-${randomUUID()}` } });
    expect([response.status, response.body['code']]).toEqual([400, code]);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.text).not.toMatch(/at .*\.(ts|js):\d+/); // no stack traces
  });

  // Throw-away accounts in a throw-away database: the passwords are fixtures.
  // BOPLA, one field at a time: each server-owned field is refused by name, so no single one slips through.
  const order = { items: [{ productId: MUG, quantity: 1 }], payment: CARDS.good };
  it.each([
    ['/api/v1/orders', 'status', { ...order, status: 'CONFIRMED' }],
    ['/api/v1/orders', 'ownerId', { ...order, ownerId: randomUUID() }],
    ['/api/v1/orders', 'total', { ...order, total: 1 }],
    ['/api/v1/orders', 'id', { ...order, id: randomUUID() }],
    ['/api/v1/orders', 'items.0.unitPrice', { ...order, items: [{ productId: MUG, quantity: 1, unitPrice: 1 }] }],
    ['/api/v1/auth/register', 'roles', { email: `r-${randomUUID().slice(0, 6)}@x.io`, password: 'long-enough-pw', displayName: 'R', roles: ['admin'] }],
    ['/api/v1/auth/register', 'id', { email: `i-${randomUUID().slice(0, 6)}@x.io`, password: 'long-enough-pw', displayName: 'I', id: randomUUID() }],
  ])('%s refuses the server-owned field %s', async (path, field, body) => {
    const response = await platform.api.post<{ code: string; errors: Array<{ field: string }> }>(path, body, { token: alice, headers: { 'Idempotency-Key': `bopla-${randomUUID()}` } });
    expect([response.status, response.body.code]).toEqual([400, 'REQUEST.UNKNOWN_FIELD']);
    expect(response.body.errors.map((e) => e.field)).toContain(field);
  });

  it.each([
    ['a body that is not JSON', '{"email": "alice@shop.local", ', 'application/json', 400, 'REQUEST.MALFORMED_JSON'],
    ['a body over 16 KiB', JSON.stringify({ email: 'a@b.io', password: 'x'.repeat(20_000) }), 'application/json', 413, 'REQUEST.TOO_LARGE'],
    ['a body that is not application/json', 'email=alice', 'application/x-www-form-urlencoded', 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE'],
  ])('answers %s with a stable problem', async (_case, body, contentType, status, code) => {
    const response = await platform.api.post('/api/v1/auth/login', body, { headers: { 'content-type': contentType } });
    expect([response.status, response.body['code']]).toEqual([status, code]);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('requires an Idempotency-Key on checkout', async () => {
    const response = await platform.api.post('/api/v1/orders', { items: [{ productId: MUG, quantity: 1 }], payment: CARDS.good }, { token: alice });
    expect([response.status, response.body['code']]).toEqual([400, 'ORDER.IDEMPOTENCY_KEY_REQUIRED']);
  });

  it('never oversells: 50 concurrent orders for the last 7 units', async () => {
    const lamp = DEMO_PRODUCT_IDS.lastUnitsLamp;
    await asSuperuser(platform.databaseName, (db) => db.query('UPDATE inventory.products SET stock = 7 WHERE id = $1', [lamp]));
    const results = await Promise.all(Array.from({ length: 50 }, () => placeOrder(platform.api, alice, [{ productId: lamp, quantity: 1 }])));
    const confirmed = results.filter((r) => r.status === 201);
    const soldOut = results.filter((r) => r.body.code === 'ORDER.OUT_OF_STOCK');
    expect(confirmed).toHaveLength(7);
    expect(soldOut).toHaveLength(43);
    expect(await stockOf(platform.api, lamp)).toBe(0);
  });

  it('echoes X-Request-ID and puts it in problem responses', async () => {
    const response = await platform.api.get('/nope', { headers: { 'X-Request-ID': 'trace-me-12345' } });
    expect(response.headers['x-request-id']).toBe('trace-me-12345');
    expect(response.body['requestId']).toBe('trace-me-12345');
    const generated = await platform.api.get('/api/v1/products', { headers: { 'X-Request-ID': 'bad id with spaces' } });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves HSTS on the public HTTPS listener and the OpenAPI document outside production', async () => {
    const response = await platform.api.get('/api/v1/products');
    expect(response.headers['strict-transport-security']).toContain('max-age=');
    const openapi = await platform.api.get<{ paths: Record<string, unknown> }>('/docs-json');
    expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(['/api/v1/orders', '/api/v1/auth/login']));
  });

  it('never writes a card number, password or bearer token to any log', () => {
    const logs = readdirSync(join(platform.devDir, 'logs')).map((file) => readFileSync(join(platform.devDir, 'logs', file), 'utf8'));
    const all = logs.join('\n');
    expect(all.length).toBeGreaterThan(1000);
    expect(all).not.toContain(CARDS.good.cardNumber);
    expect(all).not.toContain(CARDS.declined.cardNumber);
    expect(all).not.toContain(ALICE.password);
    expect(all).not.toContain(alice);
    // Every line is JSON and carries the service; request lines carry the correlation id.
    const lines = all.split('\n').filter((l) => l.startsWith('{'));
    expect(lines.every((l) => typeof JSON.parse(l).service === 'string')).toBe(true);
    expect(lines.filter((l) => l.includes('"rpc"') || l.includes('"securityEvent"')).every((l) => JSON.parse(l).requestId)).toBe(true);
  });
});
