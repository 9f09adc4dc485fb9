import { createHash, randomUUID } from 'node:crypto';
import { LAB_PNG, LabTarget, STAND_IN_PATHS, type StandInHosts } from '@shop/attack-lab';
import { DEMO_ACCOUNTS, DEMO_PRODUCT_IDS } from '@shop/contracts';
import { startTestPlatform, type TestPlatform } from '@shop/testing';
import { logLines } from './support/log-lines';
import { counterValue } from './support/metrics';

const [ALICE, , ADMIN] = DEMO_ACCOUNTS;
const MUG = DEMO_PRODUCT_IDS.mug;
const LAMP = DEMO_PRODUCT_IDS.lastUnitsLamp;
const importPath = (id: string) => `/api/v1/admin/products/${id}/image`;
const imagePath = (id: string) => `/api/v1/products/${id}/image`;

// The image import over real HTTPS and gRPC with the SSRF guard on. The "internet" is the
// attack lab's stand-in host on 127.0.0.2, the one endpoint the test settings exempt.
describe('product image import', () => {
  let platform: TestPlatform;
  let target: LabTarget;
  let hosts: StandInHosts;
  let admin: string;
  let alice: string;

  beforeAll(async () => {
    platform = await startTestPlatform({ label: 'image' });
    target = new LabTarget(platform.gatewayUrl, platform.devDir, platform.portOffset);
    hosts = await target.internet();
    admin = (await platform.api.login(ADMIN.email, ADMIN.password)).accessToken;
    alice = (await platform.api.login(ALICE.email, ALICE.password)).accessToken;
  });

  afterAll(async () => {
    await target?.close();
    await platform?.destroy();
  });

  const importImage = (id: string, url: unknown, token = admin) => platform.api.post(importPath(id), { url }, { token });

  it('imports an allowed image and serves exactly its bytes with the detected type, nosniff and a sandbox CSP', async () => {
    const imported = await importImage(MUG, hosts.imageUrl(STAND_IN_PATHS.image));
    const sha256 = createHash('sha256').update(LAB_PNG).digest('hex');
    expect([imported.status, imported.body]).toEqual([201, { productId: MUG, contentType: 'image/png', byteSize: LAB_PNG.length, sha256, href: imagePath(MUG) }]);

    const served = await platform.api.get(imagePath(MUG));
    expect(served.status).toBe(200);
    expect(served.raw.equals(LAB_PNG)).toBe(true);
    expect(served.headers).toMatchObject({
      'content-type': 'image/png',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      etag: `"${sha256}"`,
    });
  });

  it('answers 403 to customers, 401 without a token, 404 for unknown products and for a product without an image', async () => {
    const url = hosts.imageUrl(STAND_IN_PATHS.image);
    const customer = await importImage(MUG, url, alice);
    expect([customer.status, customer.body['code']]).toEqual([403, 'AUTH.FORBIDDEN']);
    const anonymous = await platform.api.post(importPath(MUG), { url });
    expect([anonymous.status, anonymous.body['code']]).toEqual([401, 'AUTH.TOKEN_MISSING']);
    const unknown = await importImage(randomUUID(), url);
    expect([unknown.status, unknown.body['code']]).toEqual([404, 'PRODUCT.NOT_FOUND']);
    const noImage = await platform.api.get(imagePath(LAMP));
    expect([noImage.status, noImage.body['code']]).toEqual([404, 'IMAGE.NOT_FOUND']);
    const noProduct = await platform.api.get(imagePath(randomUUID()));
    expect([noProduct.status, noProduct.body['code']]).toEqual([404, 'PRODUCT.NOT_FOUND']);
  });

  it.each([
    ['no url', undefined, 400, 'REQUEST.VALIDATION_FAILED'],
    ['a number', 42, 400, 'REQUEST.VALIDATION_FAILED'],
    ['2,100 characters', `https://images.example/${'a'.repeat(2100)}`, 400, 'REQUEST.VALIDATION_FAILED'],
    ['"not a url"', 'not a url', 400, 'SSRF.URL_INVALID'],
    ['file:///etc/passwd', 'file:///etc/passwd', 422, 'SSRF.SCHEME_NOT_ALLOWED'],
    ['a URL with a user name', 'https://admin@images.lab.test/a.png', 422, 'SSRF.CREDENTIALS_IN_URL'],
    ['a name that does not resolve', 'https://nowhere.lab.test/a.png', 422, 'SSRF.HOST_UNRESOLVABLE'],
  ])('answers %s with %i %s as problem+json', async (_label, url, status, code) => {
    const response = await importImage(MUG, url);
    expect([response.status, response.body['code']]).toEqual([status, code]);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('keeps the previous image when an import is refused, never contacts the target, and records the refusal', async () => {
    const inventoryOps = platform.opsUrl('inventory');
    const before = await counterValue(inventoryOps, 'shop_security_events_total', 'event="ssrf_blocked",reason="address_not_allowed"');
    const refused = await importImage(MUG, hosts.metadataUrl());
    expect([refused.status, refused.body['code']]).toEqual([422, 'SSRF.ADDRESS_NOT_ALLOWED']);
    // The title only: where the name pointed is for the security log, not for the caller.
    expect(refused.text).not.toMatch(/127\.0\.0\.3|loopback/);
    expect(hosts.hitsOf(hosts.layout.metadata.address)).toBe(0);

    expect((await platform.api.get(imagePath(MUG))).raw.equals(LAB_PNG)).toBe(true);
    expect(await counterValue(inventoryOps, 'shop_security_events_total', 'event="ssrf_blocked",reason="address_not_allowed"')).toBe(before + 1);
    const [event] = await logLines(platform.devDir, 'inventory', (l) => l['securityEvent'] === 'ssrf_blocked' && l['correlationId'] === refused.headers['x-request-id']);
    expect(event).toMatchObject({ reason: 'address_not_allowed', detail: { host: hosts.layout.metadata.name, address: '127.0.0.3', range: 'loopback', hop: 0 } });
  });
});
