import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { LabTarget, gatewayPassportSigner, probeAs, signPassport } from '@shop/attack-lab';
import { AUTH_V1, DEMO_ACCOUNTS, DEMO_PRODUCT_IDS, PAYMENT_V1 } from '@shop/contracts';
import { promoteSigningKey, secretsRootOf, stageSigningKey, writePublicKeys } from '@shop/dev-platform';
import { SECRET_FILES, SecretFiles, migrationSecretsDirOf, readDatabaseCredentials } from '@shop/security/secrets';
import { startTestPlatform, type TestPlatform } from '@shop/testing';
import { GRPC_SERVICES } from '@shop/topology';
import { CARDS, placeOrder } from './support/checkout';
import { counterValue } from './support/metrics';
import { logLines } from './support/log-lines';
import { expectNoPassport } from './support/passport-leaks';
import { asRole, asSuperuser } from './support/sql';

const [ALICE, BOB] = DEMO_ACCOUNTS;
const credentialsOf = (platform: TestPlatform, service: string, role: 'runtime' | 'owner' = 'runtime') => {
  const dir = join(secretsRootOf(platform.devDir), service);
  return role === 'runtime'
    ? readDatabaseCredentials(new SecretFiles(dir), SECRET_FILES.runtimeDb)
    : readDatabaseCredentials(new SecretFiles(migrationSecretsDirOf(dir)), SECRET_FILES.ownerDb);
};

describe('identity, ownership and the token lifecycle', () => {
  let platform: TestPlatform;
  let target: LabTarget;

  beforeAll(async () => {
    // The gateway's per-IP limits are lifted here so that auth's own per-email throttle is what answers.
    platform = await startTestPlatform({
      label: 'identity',
      env: {
        SHOP_RATE_LIMIT_IP_PER_10S: '100000',
        SHOP_RATE_LIMIT_USER_PER_10S: '100000',
        SHOP_RATE_LIMIT_LOGIN_PER_MIN: '100000',
        SHOP_RATE_LIMIT_REGISTER_PER_MIN: '100000',
      },
    });
    target = new LabTarget(platform.gatewayUrl, platform.devDir, platform.portOffset);
  });

  afterAll(async () => {
    await target?.close();
    await platform?.destroy();
  });

  it('never lets a passport out: no route answers with one in a header or the body', async () => {
    const admin = await platform.api.login(DEMO_ACCOUNTS[2].email, DEMO_ACCOUNTS[2].password);
    const alice = await platform.api.login(ALICE.email, ALICE.password);
    const order = await placeOrder(platform.api, alice.accessToken, [{ productId: DEMO_PRODUCT_IDS.mug, quantity: 1 }]);
    const declined = await placeOrder(platform.api, alice.accessToken, [{ productId: DEMO_PRODUCT_IDS.mug, quantity: 1 }], CARDS.declined);
    const responses = [
      order,
      declined,
      await platform.api.get('/api/v1/products'),
      await platform.api.get(`/api/v1/products/${DEMO_PRODUCT_IDS.mug}`),
      await platform.api.get('/api/v1/orders', { token: alice.accessToken }),
      await platform.api.get(`/api/v1/orders/${order.body.id}`, { token: alice.accessToken }),
      await platform.api.get('/api/v1/admin/orders', { token: admin.accessToken }),
      await platform.api.get('/api/v1/admin/orders', { token: alice.accessToken }),
      await platform.api.get('/.well-known/jwks.json'),
      await platform.api.post('/api/v1/auth/register', { email: `p-${randomUUID().slice(0, 6)}@x.io`, password: 'long-enough-pw', displayName: 'P' }),
      await platform.api.post('/api/v1/auth/refresh', { refreshToken: alice.refreshToken }),
      await platform.api.post('/api/v1/auth/logout', {}, { token: admin.accessToken }),
    ];
    expectNoPassport(responses);
    expect(responses.map((r) => r.status)).toEqual([201, 402, 200, 200, 200, 200, 200, 403, 200, 201, 200, 204]);
  });

  // Passwords here belong to throw-away accounts in a throw-away database.
  describe('per-email login throttle', () => {
    const guess = (email: string, n: number) => platform.api.post('/api/v1/auth/login', { email, password: `wrong-guess-${n}` });
    const codesOf = (responses: Array<{ body: Record<string, unknown> }>) => responses.map((r) => String(r.body['code']));

    it('lets a burst of 20 parallel guesses reach the password check only 5 times', async () => {
      const email = `burst-${randomUUID().slice(0, 8)}@shop.test`;
      expect((await platform.api.post('/api/v1/auth/register', { email, password: 'a-long-real-password', displayName: 'Burst' })).status).toBe(201);
      const codes = codesOf(await Promise.all(Array.from({ length: 20 }, (_, n) => guess(email, n))));
      expect(codes.filter((c) => c === 'AUTH.INVALID_CREDENTIALS')).toHaveLength(5);
      expect(codes.filter((c) => c === 'AUTH.LOGIN_THROTTLED')).toHaveLength(15);
    });

    it('throttles an unknown email exactly like a registered one, so the lock-out reveals nothing', async () => {
      const known = `known-${randomUUID().slice(0, 8)}@shop.test`;
      expect((await platform.api.post('/api/v1/auth/register', { email: known, password: 'a-long-real-password', displayName: 'Known' })).status).toBe(201);
      const unknown = `unknown-${randomUUID().slice(0, 8)}@shop.test`;
      const sequence = async (email: string) => {
        const responses = [];
        for (let n = 0; n < 7; n++) responses.push(await guess(email, n));
        return codesOf(responses);
      };
      const expected = [...Array(5).fill('AUTH.INVALID_CREDENTIALS'), 'AUTH.LOGIN_THROTTLED', 'AUTH.LOGIN_THROTTLED'];
      expect(await sequence(known)).toEqual(expected);
      expect(await sequence(unknown)).toEqual(expected);
    });
  });

  it('never lets a passport out of any documented operation, in success or error answers', async () => {
    const openapi = await platform.api.get<{ paths: Record<string, Record<string, unknown>> }>('/docs-json');
    const operations = Object.entries(openapi.body.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => [method.toUpperCase(), path] as const));
    expect(operations.length).toBeGreaterThanOrEqual(10);
    const alice = await platform.api.login(ALICE.email, ALICE.password);
    const order = await placeOrder(platform.api, alice.accessToken, [{ productId: DEMO_PRODUCT_IDS.mug, quantity: 1 }]);
    const fill = (path: string, id: string) => path.replace(/\{[^}]+\}/g, id);
    const answers = [];
    for (const [method, path] of operations) {
      const real = fill(path, path.includes('product') ? DEMO_PRODUCT_IDS.mug : order.body.id);
      // As Alice with a plausible body, as nobody, and with a body that fails validation.
      answers.push(await platform.api.call(method, real, { token: alice.accessToken, body: method === 'GET' ? undefined : {}, headers: { 'Idempotency-Key': randomUUID() } }));
      answers.push(await platform.api.call(method, real, { body: method === 'GET' ? undefined : { unexpected: true } }));
      answers.push(await platform.api.call(method, fill(path, 'not-a-uuid'), { token: alice.accessToken, body: method === 'GET' ? undefined : 'not json' }));
    }
    const statuses = new Set(answers.map((a) => a.status));
    expect([...statuses].some((s) => s >= 400)).toBe(true); // error answers are in the sample
    expectNoPassport(answers);
  });

  it('rotates refresh tokens; reusing a rotated one revokes the whole family', async () => {
    const first = await platform.api.login(BOB.email, BOB.password);
    const second = await platform.api.post<{ refreshToken: string; accessToken: string }>('/api/v1/auth/refresh', { refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    const reuse = await platform.api.post('/api/v1/auth/refresh', { refreshToken: first.refreshToken });
    expect([reuse.status, reuse.body['code']]).toEqual([401, 'AUTH.REFRESH_REUSED']);
    // The legitimate holder's newest token died with the family.
    const newest = await platform.api.post('/api/v1/auth/refresh', { refreshToken: second.body.refreshToken });
    expect([newest.status, newest.body['code']]).toEqual([401, 'AUTH.REFRESH_INVALID']);
    expect(await counterValue(platform.opsUrl('auth'), 'shop_security_events_total', 'event="refresh_reuse_detected"')).toBeGreaterThan(0);
  });

  it('logout with a refresh token revokes its family too', async () => {
    const session = await platform.api.login(BOB.email, BOB.password);
    expect((await platform.api.post('/api/v1/auth/logout', { refreshToken: session.refreshToken }, { token: session.accessToken })).status).toBe(204);
    const refreshed = await platform.api.post('/api/v1/auth/refresh', { refreshToken: session.refreshToken });
    expect([refreshed.status, refreshed.body['code']]).toEqual([401, 'AUTH.REFRESH_INVALID']);
  });

  it('security events carry correlation id, service, peer, user and source IP, and are counted by event and reason', async () => {
    const bob = await platform.api.login(BOB.email, BOB.password);
    const passport = await signPassport(target, await gatewayPassportSigner(target), { sub: decodeJwt(bob.accessToken).sub as string });
    await probeAs(target.identityOf('inventory'), target.grpcAddress('payment'), PAYMENT_V1, 'Refund', { orderId: randomUUID() }, {
      'x-passport': passport,
      'x-request-id': 'corr-peer-denied-1',
    });
    const [line] = await logLines(platform.devDir, 'payment', (l) => l['correlationId'] === 'corr-peer-denied-1' && 'securityEvent' in l);
    expect(line).toMatchObject({
      securityEvent: 'peer_denied',
      reason: 'not_allowed',
      service: 'payment',
      correlationId: 'corr-peer-denied-1',
      peer: 'spiffe://shop.local/ns/shop/sa/inventory',
      sourceIp: expect.stringContaining('127.0.0.1'),
    });
    expect(await counterValue(platform.opsUrl('payment'), 'shop_security_events_total', 'event="peer_denied",reason="not_allowed"')).toBeGreaterThan(0);
  });

  it("records the end user's address in a downstream service's events, relayed by the gateway, and drops a malformed one", async () => {
    const email = `ip-${randomUUID().slice(0, 8)}@shop.test`;
    await platform.api.post('/api/v1/auth/login', { email, password: 'not-the-password' }, { headers: { 'x-request-id': 'corr-end-user-ip-1' } });
    await probeAs(target.identityOf('gateway'), target.grpcAddress('auth'), AUTH_V1, 'Login', { email, password: 'x' }, {
      'x-request-id': 'corr-end-user-ip-2',
      'x-shop-end-user-ip': '1.2.3.4"} injected',
    });
    const event = (id: string) => logLines(platform.devDir, 'auth', (l) => l['securityEvent'] === 'auth_failed' && l['correlationId'] === id);
    const [relayed] = await event('corr-end-user-ip-1');
    expect(relayed?.['endUserIp']).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    expect(relayed?.['sourceIp']).not.toBe(relayed?.['endUserIp']); // the hop's peer, gateway's socket
    const [spoofed] = await event('corr-end-user-ip-2');
    expect(spoofed?.['endUserIp']).toBeNull();
  });

  describe('data layer', () => {
    let aliceOrderId: string;
    let aliceId: string;
    let bobId: string;

    beforeAll(async () => {
      const alice = await platform.api.login(ALICE.email, ALICE.password);
      aliceId = decodeJwt(alice.accessToken).sub as string;
      aliceOrderId = (await placeOrder(platform.api, alice.accessToken, [{ productId: DEMO_PRODUCT_IDS.mug, quantity: 1 }])).body.id;
      bobId = decodeJwt((await platform.api.login(BOB.email, BOB.password)).accessToken).sub as string;
    });

    it('RLS hides the row even from a query that forgets the owner, run as the service role', async () => {
      const forgetful = 'SELECT count(*)::int AS n FROM orders.orders WHERE id = $1';
      const countAs = (userId?: string) =>
        asRole(credentialsOf(platform, 'order'), async (db) => {
          await db.query('BEGIN');
          try {
            if (userId) await db.query("SELECT set_config('shop.user_id', $1, true)", [userId]);
            return (await db.query(forgetful, [aliceOrderId])).rows[0].n as number;
          } finally {
            await db.query('ROLLBACK');
          }
        });
      expect(await countAs()).toBe(0); // no user scope at all
      expect(await countAs(bobId)).toBe(0); // scoped to the wrong user
      expect(await countAs(aliceId)).toBe(1); // positive control: the owner sees it
    });

    it.each(GRPC_SERVICES.flatMap((service) => GRPC_SERVICES.filter((other) => other !== service).map((other) => [service, other])))(
      "%s's database role cannot read %s's schema",
      async (service, other) => {
        const schema = { auth: 'auth', order: 'orders', payment: 'payments', inventory: 'inventory' }[other as 'auth'];
        const tables = await asSuperuser(platform.databaseName, (db) =>
          db.query('SELECT tablename FROM pg_tables WHERE schemaname = $1 LIMIT 1', [schema]),
        );
        const table = `${schema}.${tables.rows[0].tablename as string}`;
        for (const role of ['runtime', 'owner'] as const) {
          const error = await asRole(credentialsOf(platform, service, role), (db) => db.query(`SELECT 1 FROM ${table} LIMIT 1`)).catch((e: { code?: string }) => e);
          expect((error as { code?: string }).code).toBe('42501'); // insufficient_privilege
        }
      },
    );

    it('the running service holds no owner credentials: they live in <service>-migrate/', async () => {
      const { existsSync } = await import('node:fs');
      for (const service of GRPC_SERVICES) {
        expect(existsSync(join(secretsRootOf(platform.devDir), service, SECRET_FILES.ownerDb))).toBe(false);
        expect(credentialsOf(platform, service, 'owner').user).toMatch(/_owner$/);
      }
    });

    it('the runtime role has DML only: no DDL on its own schema', async () => {
      const error = await asRole(credentialsOf(platform, 'order'), (db) => db.query('CREATE TABLE orders.evil (id int)')).catch((e: { code?: string }) => e);
      expect((error as { code?: string }).code).toBe('42501');
      const own = await asRole(credentialsOf(platform, 'inventory'), (db) => db.query('SELECT count(*)::int AS n FROM inventory.products'));
      expect(own.rows[0].n).toBeGreaterThanOrEqual(10);
    });
  });

  it('rotates the passport signing key by kid in two steps: no hop ever sees an unknown kid, both keys verify', async () => {
    const secrets = secretsRootOf(platform.devDir);
    const gatewayDir = join(secrets, 'gateway');
    const oldSigner = await gatewayPassportSigner(target);
    // Step 1: the new key is staged (second, not signing) and published to every verifier.
    const staged = await stageSigningKey(gatewayDir, SECRET_FILES.passportSigningKeys);
    const newKid = staged[1].kid;
    for (const service of GRPC_SERVICES) writePublicKeys(join(secrets, service, SECRET_FILES.passportVerifyKeys), staged);
    // Services poll the key files each second and log the kids they trust; wait for all of them.
    for (const service of GRPC_SERVICES) {
      const loaded = await logLines(platform.devDir, service, (l) => l.msg === 'passport verify keys reloaded' && (l.kids as string[]).includes(newKid), 15_000);
      expect(loaded.length).toBeGreaterThan(0);
    }
    // Step 2: the gateway signs with the new key.
    promoteSigningKey(gatewayDir, SECRET_FILES.passportSigningKeys, newKid);
    const promoted = await logLines(platform.devDir, 'gateway', (l) => l.msg === 'passport signing key reloaded' && l.kid === newKid, 15_000);
    expect(promoted.length).toBeGreaterThan(0);
    const newSigner = await gatewayPassportSigner(target);
    expect(newSigner.kid).toBe(newKid);
    expect(newSigner.kid).not.toBe(oldSigner.kid);

    const bob = await platform.api.login(BOB.email, BOB.password);
    const sub = decodeJwt(bob.accessToken).sub as string;
    const refund = async (signer: typeof oldSigner, orderId = randomUUID()) =>
      probeAs(target.identityOf('order'), target.grpcAddress('payment'), PAYMENT_V1, 'Refund', { orderId }, {
        'x-passport': await signPassport(target, signer, { sub, op: 'orders.compensate', orderId }),
      });
    // An answer means the passport passed and the handler ran (refunding an order with
    // no charge leaves a VOIDED tombstone; see docs/checkout-under-failures.md).
    expect(await refund(newSigner)).toMatchObject({ kind: 'ok' });
    expect(await refund(oldSigner)).toMatchObject({ kind: 'ok' });
    // And the gateway's own passports, now under the new kid, pass every hop of a read.
    expect((await platform.api.get('/api/v1/orders', { token: bob.accessToken })).status).toBe(200);
  });
});

describe('per-user rate limit on the API', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform({ label: 'ratelimit', env: { SHOP_RATE_LIMIT_USER_PER_10S: '5', SHOP_RATE_LIMIT_LOGIN_PER_MIN: '4' } });
  });

  afterAll(() => platform?.destroy());

  it('answers 429 with Retry-After once a user exceeds the limit, and counts it', async () => {
    const { accessToken } = await platform.api.login(ALICE.email, ALICE.password);
    const statuses: number[] = [];
    let limited;
    for (let i = 0; i < 8; i++) {
      const response = await platform.api.get('/api/v1/orders', { token: accessToken });
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(limited?.body['code']).toBe('REQUEST.RATE_LIMITED');
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
    expect(await counterValue(platform.opsUrl('gateway'), 'shop_security_events_total', 'event="rate_limited",reason="user"')).toBeGreaterThan(0);
  });

  it('limits login attempts per IP across accounts (before any per-account delay applies)', async () => {
    const statuses: number[] = [];
    let limited;
    for (let i = 0; i < 6 && !limited; i++) {
      // A different unknown account each time: only the per-IP limit can stop this.
      const response = await platform.api.post('/api/v1/auth/login', { email: `nobody-${i}-${randomUUID().slice(0, 6)}@x.io`, password: 'wrong-password' });
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    expect(statuses.slice(0, -1).every((s) => s === 401)).toBe(true);
    expect(limited?.body['code']).toBe('REQUEST.RATE_LIMITED');
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
    expect(await counterValue(platform.opsUrl('gateway'), 'shop_security_events_total', 'event="rate_limited",reason="login"')).toBeGreaterThan(0);
  });
});
