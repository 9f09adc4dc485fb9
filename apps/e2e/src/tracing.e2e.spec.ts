import { randomBytes } from 'node:crypto';
import { DEMO_ACCOUNTS, DEMO_PRODUCT_IDS } from '@shop/contracts';
import { startTestPlatform, type TestPlatform } from '@shop/testing';
import { placeOrder } from './support/checkout';
import { logLines } from './support/log-lines';
import { OtlpReceiver, type ReceivedSpan } from './support/otlp-receiver';

const [ALICE, , ADMIN] = DEMO_ACCOUNTS;
const SERVER = 2;
const CLIENT = 3;
// gateway: server + client(order); order: server + client(inventory) + client(payment); inventory: server; payment: server.
const CHECKOUT_SPANS = 7;

/** The one span matching, so a missing or duplicated hop fails with the list of what arrived. */
function only(spans: readonly ReceivedSpan[], service: string, kind: number, name: string): ReceivedSpan {
  const found = spans.filter((s) => s.service === service && s.kind === kind && s.name === name);
  if (found.length !== 1) throw new Error(`expected one ${service} span "${name}" (kind ${kind}), got ${found.length}: ${spans.map((s) => `${s.service}/${s.kind}/${s.name}`).join(', ')}`);
  return found[0];
}

/** Asserts the checkout's span tree: gateway -> order -> (inventory, payment), each server span the child of its caller's client span. */
function expectCheckoutTree(spans: readonly ReceivedSpan[], rootParent: string): void {
  const gateway = only(spans, 'gateway', SERVER, 'POST /api/v1/orders');
  const toOrder = only(spans, 'gateway', CLIENT, 'shop.order.v1.OrderService/PlaceOrder');
  const order = only(spans, 'order', SERVER, 'shop.order.v1.OrderService/PlaceOrder');
  const toInventory = only(spans, 'order', CLIENT, 'shop.inventory.v1.InventoryService/ReserveStock');
  const inventory = only(spans, 'inventory', SERVER, 'shop.inventory.v1.InventoryService/ReserveStock');
  const toPayment = only(spans, 'order', CLIENT, 'shop.payment.v1.PaymentService/Charge');
  const payment = only(spans, 'payment', SERVER, 'shop.payment.v1.PaymentService/Charge');
  expect({
    gateway: gateway.parentSpanId,
    toOrder: toOrder.parentSpanId,
    order: order.parentSpanId,
    toInventory: toInventory.parentSpanId,
    inventory: inventory.parentSpanId,
    toPayment: toPayment.parentSpanId,
    payment: payment.parentSpanId,
  }).toEqual({
    gateway: rootParent,
    toOrder: gateway.spanId,
    order: toOrder.spanId,
    toInventory: order.spanId,
    inventory: toInventory.spanId,
    toPayment: order.spanId,
    payment: toPayment.spanId,
  });
  expect(gateway.attributes).toMatchObject({ 'http.route': '/api/v1/orders', 'http.response.status_code': 201 });
  expect(order.attributes).toMatchObject({ 'rpc.system': 'grpc', 'rpc.method': 'PlaceOrder', 'shop.caller': 'gateway', 'rpc.grpc.status_code': 0 });
  expect(payment.attributes).toMatchObject({ 'shop.caller': 'order' });
  // Whatever else the checkout touched (the gateway asks auth about revoked tokens) hangs in the same tree.
  const ids = new Set(spans.map((s) => s.spanId));
  expect(ids.size).toBe(spans.length);
  expect(spans.filter((s) => s.parentSpanId !== rootParent && !ids.has(s.parentSpanId))).toEqual([]);
  expect(spans.filter((s) => s.parentSpanId === rootParent)).toEqual([gateway]);
}

describe('one checkout is one trace across gateway, order, inventory and payment (OTLP export on)', () => {
  const receiver = new OtlpReceiver();
  let platform: TestPlatform;
  let alice: string;
  let admin: string;

  beforeAll(async () => {
    const endpoint = await receiver.start();
    platform = await startTestPlatform({
      label: 'trace',
      // The standard variables; a short batch delay so spans arrive while the test waits.
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_BSP_SCHEDULE_DELAY: '100' },
    });
    alice = (await platform.api.login(ALICE.email, ALICE.password)).accessToken;
    admin = (await platform.api.login(ADMIN.email, ADMIN.password)).accessToken;
  });

  afterAll(async () => {
    await platform?.destroy();
    await receiver.stop();
  });

  it("continues the caller's traceparent through every hop, with the right parents", async () => {
    const traceId = randomBytes(16).toString('hex');
    const callerSpan = randomBytes(8).toString('hex');
    const response = await placeOrder(platform.api, alice, [{ productId: DEMO_PRODUCT_IDS.mug, quantity: 1 }], undefined, undefined, {
      traceparent: `00-${traceId}-${callerSpan}-01`,
    });
    expect(response.status).toBe(201);

    const spans = await receiver.trace(traceId, CHECKOUT_SPANS);
    expect([...new Set(spans.map((s) => s.service))]).toEqual(expect.arrayContaining(['gateway', 'order', 'inventory', 'payment']));
    expectCheckoutTree(spans, callerSpan);
    expect([...receiver.contentTypes]).toEqual(['application/json']);

    // The gateway's access line of the request carries the trace id and the gateway's span id.
    const [access] = await logLines(platform.devDir, 'gateway', (l) => l['requestId'] === response.headers['x-request-id']);
    expect({ traceId: access?.['traceId'], spanId: access?.['spanId'] }).toEqual({ traceId, spanId: only(spans, 'gateway', SERVER, 'POST /api/v1/orders').spanId });
  });

  it('starts a trace at the gateway when the request brings none (or a malformed one)', async () => {
    for (const header of [undefined, '00-00000000000000000000000000000000-0000000000000000-01', 'garbage']) {
      const response = await placeOrder(platform.api, alice, [{ productId: DEMO_PRODUCT_IDS.mug, quantity: 1 }], undefined, undefined, header ? { traceparent: header } : {});
      expect(response.status).toBe(201);
      const [line] = await logLines(platform.devDir, 'gateway', (l) => l['requestId'] === response.headers['x-request-id']);
      const traceId = String(line['traceId']);
      expect(traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(traceId).not.toMatch(/^0+$/);
      expectCheckoutTree(await receiver.trace(traceId, CHECKOUT_SPANS), '');
    }
  });

  it('carries the trace id on security events, at the gateway and in a service behind it', async () => {
    const traceparent = () => ({ traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01` });
    const gatewaySide = traceparent();
    const refused = await platform.api.get('/api/v1/orders', { token: `${alice}x`, headers: gatewaySide });
    expect(refused.status).toBe(401);
    const [authFailed] = await logLines(platform.devDir, 'gateway', (l) => l['securityEvent'] === 'auth_failed' && l['correlationId'] === refused.headers['x-request-id']);
    expect(authFailed?.['traceId']).toBe(gatewaySide.traceparent.slice(3, 35));

    // An image import from loopback: inventory's SSRF guard refuses it, inside the trace.
    const inventorySide = traceparent();
    const traceId = inventorySide.traceparent.slice(3, 35);
    const blocked = await platform.api.post(`/api/v1/admin/products/${DEMO_PRODUCT_IDS.mug}/image`, { url: 'http://127.0.0.1:1/a.png' }, { token: admin, headers: inventorySide });
    expect(blocked.body['code']).toBe('SSRF.ADDRESS_NOT_ALLOWED');
    const [ssrf] = await logLines(platform.devDir, 'inventory', (l) => l['securityEvent'] === 'ssrf_blocked' && l['correlationId'] === blocked.headers['x-request-id']);
    const inventorySpan = (await receiver.trace(traceId, 3)).find((s) => s.service === 'inventory' && s.kind === SERVER);
    expect({ traceId: ssrf?.['traceId'], spanId: ssrf?.['spanId'] }).toEqual({ traceId, spanId: inventorySpan?.spanId });
  });
});
