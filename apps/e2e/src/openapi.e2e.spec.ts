import { randomUUID } from 'node:crypto';
import addFormats from 'ajv-formats';
import OpenAPIBackend, { type Document, type Operation } from 'openapi-backend';
import { DEMO_ACCOUNTS, DEMO_PRODUCT_IDS } from '@shop/contracts';
import { startTestPlatform, type TestPlatform } from '@shop/testing';
import type { ApiResponse } from '@shop/dev-platform';

const [ALICE, BOB, ADMIN] = DEMO_ACCOUNTS;
const CARD = { cardNumber: '4242424242424242', expMonth: 12, expYear: 2040, cvc: '123' };

type Methods = 'get' | 'post';

/**
 * The API description against the running platform: /docs-json is a valid
 * OpenAPI document (checked by openapi-backend's schema validator), every
 * route documents a success schema and its problem+json errors, and real
 * answers, successes and failures, match what it says (openapi-backend's
 * response validation, Ajv underneath; no hand-written checks).
 */
describe('the OpenAPI description (/docs-json)', () => {
  let platform: TestPlatform;
  let document: Document;
  let api: OpenAPIBackend;
  const checked: string[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform({ label: 'openapi' });
    document = (await platform.api.get<Document>('/docs-json')).body;
    // ajv-formats: `uuid` and `date-time` in the schemas are checked, not skipped with a warning.
    api = new OpenAPIBackend({ definition: document, strict: true, quick: false, customizeAjv: (ajv) => {
      addFormats(ajv);
      return ajv;
    } });
    await api.init();
  });

  afterAll(() => platform?.destroy());

  /** Validates one real answer against the operation the document gives for it. */
  function expectDocumented(method: Methods, path: string, response: ApiResponse<unknown>): void {
    const operation = api.matchOperation({ method, path: path.split('?')[0], headers: {} }) as Operation | undefined;
    expect({ route: `${method} ${path}`, operation: operation?.operationId }).toEqual({ route: `${method} ${path}`, operation: expect.any(String) });
    const documented = (operation as Operation).responses?.[String(response.status)] as { content?: Record<string, unknown> } | undefined;
    expect({ route: `${method} ${path}`, status: response.status, documented: documented !== undefined }).toEqual({ route: `${method} ${path}`, status: response.status, documented: true });
    const contentType = String(response.headers['content-type'] ?? '').split(';')[0];
    if (response.status !== 204) expect(Object.keys(documented?.content ?? {})).toContain(contentType);
    // An empty body (204) is no content at all, which the validator expects as null.
    const result = api.validateResponse(response.text === '' ? null : response.body, operation as Operation, response.status);
    expect({ route: `${method} ${path} ${response.status}`, errors: result.errors ?? null }).toEqual({ route: `${method} ${path} ${response.status}`, errors: null });
    checked.push(`${(operation as Operation).operationId} ${response.status}`);
  }

  async function call(method: Methods, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
    const response = await platform.api.call<unknown>(method.toUpperCase(), path, options);
    expectDocumented(method, path, response);
    return response as ApiResponse<Record<string, unknown>>;
  }

  it('is a valid document in which every operation has a success schema and documents problem+json errors', () => {
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      for (const [method, operation] of Object.entries(item as Record<string, Operation>)) {
        const responses = Object.entries(operation.responses ?? {}) as Array<[string, { content?: Record<string, { schema?: unknown }> }]>;
        const success = responses.filter(([status]) => status.startsWith('2'));
        expect({ route: `${method} ${path}`, success: success.length > 0 }).toEqual({ route: `${method} ${path}`, success: true });
        for (const [status, response] of success.filter(([s]) => s !== '204')) {
          expect({ route: `${method} ${path} ${status}`, schemas: Object.values(response.content ?? {}).every((c) => c.schema !== undefined) && Object.keys(response.content ?? {}).length > 0 }).toEqual({
            route: `${method} ${path} ${status}`,
            schemas: true,
          });
        }
        const problems = responses.filter(([, r]) => r.content?.['application/problem+json']);
        expect({ route: `${method} ${path}`, problems: problems.length > 0 }).toEqual({ route: `${method} ${path}`, problems: true });
      }
    }
  });

  it('marks the admin `limit` parameter optional with its default', () => {
    const parameters = (document.paths?.['/api/v1/admin/orders']?.get?.parameters ?? []) as Array<{ name: string; required?: boolean; schema?: { default?: number } }>;
    expect(parameters.find((p) => p.name === 'limit')).toMatchObject({ required: false, schema: { default: 100 } });
  });

  it('real answers of every route, successes and problems, match the description', async () => {
    await call('get', '/api/v1/products');
    await call('get', `/api/v1/products/${DEMO_PRODUCT_IDS.mug}`);
    await call('get', `/api/v1/products/${randomUUID()}`);
    await call('get', `/api/v1/products/${DEMO_PRODUCT_IDS.mug}/image`);
    await call('get', '/.well-known/jwks.json');

    const email = `openapi-${randomUUID().slice(0, 8)}@shop.local`;
    await call('post', '/api/v1/auth/register', { body: { email, password: 'openapi-pass-1234', displayName: 'OpenAPI' } });
    await call('post', '/api/v1/auth/register', { body: { email, password: 'openapi-pass-1234', displayName: 'OpenAPI' } });
    await call('post', '/api/v1/auth/register', { body: { email: 'not-an-email', password: 'x', roles: ['admin'] } });
    await call('post', '/api/v1/auth/login', { body: '{"email":', headers: { 'content-type': 'application/json' } });
    await call('post', '/api/v1/auth/login', { body: { email: ALICE.email, password: 'wrong-password' } });
    const alice = (await call('post', '/api/v1/auth/login', { body: { email: ALICE.email, password: ALICE.password } })).body as { accessToken: string; refreshToken: string };
    const bob = (await call('post', '/api/v1/auth/login', { body: { email: BOB.email, password: BOB.password } })).body as { accessToken: string };
    const admin = (await call('post', '/api/v1/auth/login', { body: { email: ADMIN.email, password: ADMIN.password } })).body as { accessToken: string };
    await call('post', '/api/v1/auth/refresh', { body: { refreshToken: alice.refreshToken } });
    await call('post', '/api/v1/auth/refresh', { body: { refreshToken: alice.refreshToken } });

    const items = [{ productId: DEMO_PRODUCT_IDS.mug, quantity: 1 }];
    const order = await call('post', '/api/v1/orders', { token: bob.accessToken, body: { items, payment: CARD }, headers: { 'Idempotency-Key': `openapi-${randomUUID()}` } });
    await call('post', '/api/v1/orders', { token: bob.accessToken, body: { items, payment: CARD } });
    await call('post', '/api/v1/orders', { token: bob.accessToken, body: { items, payment: { ...CARD, cardNumber: '4000000000000002' } }, headers: { 'Idempotency-Key': `openapi-${randomUUID()}` } });
    await call('post', '/api/v1/orders', { body: { items, payment: CARD }, headers: { 'Idempotency-Key': `openapi-${randomUUID()}` } });
    await call('get', '/api/v1/orders', { token: bob.accessToken });
    await call('get', `/api/v1/orders/${String(order.body['id'])}`, { token: bob.accessToken });
    await call('get', `/api/v1/orders/${randomUUID()}`, { token: bob.accessToken });
    await call('get', '/api/v1/orders', { token: 'not-a-token' });

    await call('get', '/api/v1/admin/orders', { token: admin.accessToken });
    await call('get', '/api/v1/admin/orders?limit=5', { token: admin.accessToken });
    await call('get', '/api/v1/admin/orders', { token: bob.accessToken });
    await call('post', `/api/v1/admin/products/${DEMO_PRODUCT_IDS.mug}/image`, { token: admin.accessToken, body: { url: 'http://127.0.0.1:9100/metrics' } });
    await call('post', `/api/v1/admin/products/${DEMO_PRODUCT_IDS.mug}/image`, { token: bob.accessToken, body: { url: 'http://127.0.0.1:1/a.png' } });

    await call('post', '/api/v1/auth/logout', { token: bob.accessToken, body: {} });
    process.stdout.write(`validated ${checked.length} real answers: ${checked.join(', ')}\n`);
    // Every documented operation was exercised at least once.
    const operations = Object.values(document.paths ?? {}).flatMap((item) => Object.values(item as Record<string, Operation>).map((o) => o.operationId));
    expect(operations.filter((id) => !checked.some((c) => c.startsWith(`${id} `)))).toEqual([]);
  });
});
