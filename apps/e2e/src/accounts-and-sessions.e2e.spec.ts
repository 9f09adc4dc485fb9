import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DEMO_ACCOUNTS } from '@shop/contracts';
import { startTestPlatform, type TestPlatform } from '@shop/testing';

const [ALICE] = DEMO_ACCOUNTS;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Issue 14, items 3 and 4, through the real gateway: registration, hashing cost, token responses and logout. */
describe('accounts and sessions', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    // The gateway's limits are lifted: this file checks auth's answers, the lab checks the limits.
    platform = await startTestPlatform({
      label: 'accounts',
      env: {
        SHOP_RATE_LIMIT_IP_PER_10S: '100000',
        SHOP_RATE_LIMIT_LOGIN_PER_MIN: '100000',
        SHOP_RATE_LIMIT_REGISTER_PER_MIN: '100000',
        SHOP_HTTP_MAX_IN_FLIGHT_PER_IP: '256',
      },
    });
  });

  afterAll(() => platform?.destroy());

  const register = (email: string) => platform.api.post('/api/v1/auth/register', { email, password: 'a-long-real-password', displayName: 'Probe' });

  it('answers a taken email exactly like a new one, in about the same time', async () => {
    const taken = [];
    const fresh = [];
    // The first pairs warm both paths up (JIT, pools: up to 5x slower, unevenly); only the rest are timed.
    const warmup = 3;
    for (let n = 0; n < warmup + 10; n++) {
      // Interleaved, so drift in the machine's load hits both sides alike.
      let start = performance.now();
      const takenAnswer = await register(ALICE.email);
      if (n >= warmup) taken.push(performance.now() - start);
      const email = `new-${randomUUID().slice(0, 8)}@shop.test`;
      start = performance.now();
      const freshAnswer = await register(email);
      if (n >= warmup) fresh.push(performance.now() - start);
      expect([takenAnswer.status, takenAnswer.body]).toEqual([201, { email: ALICE.email }]);
      expect([freshAnswer.status, freshAnswer.body]).toEqual([201, { email }]);
    }
    // Both hash the password; a taken email skips nothing but the row. Loose bounds: a shared CI machine.
    const ratio = median(taken) / median(fresh);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('bounds concurrent password hashes: a burst past the bound is told 503 AUTH.HASHING_BUSY with Retry-After, the rest succeed', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, (_, n) => register(`flood-${n}-${randomUUID().slice(0, 6)}@shop.test`)));
    const busy = answers.filter((a) => a.status === 503);
    const histogram = answers.reduce<Record<string, number>>((h, a) => ({ ...h, [`${a.status} ${String(a.body['code'] ?? '')}`]: (h[`${a.status} ${String(a.body['code'] ?? '')}`] ?? 0) + 1 }), {});
    expect(Object.keys(histogram).sort()).toEqual(['201 ', '503 AUTH.HASHING_BUSY']);
    expect(busy.length).toBeGreaterThan(0);
    for (const answer of busy) {
      expect(answer.body['code']).toBe('AUTH.HASHING_BUSY');
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.headers['retry-after']).toBe('1');
    }
  });

  it('marks login and refresh answers Cache-Control: no-store', async () => {
    const login = await platform.api.post<{ refreshToken: string }>('/api/v1/auth/login', { email: ALICE.email, password: ALICE.password });
    const refreshed = await platform.api.post('/api/v1/auth/refresh', { refreshToken: login.body.refreshToken });
    for (const answer of [login, refreshed]) {
      expect(answer.status).toBe(200);
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(answer.headers['pragma']).toBe('no-cache');
    }
  });

  it("ends the access token's session on logout without a refresh token", async () => {
    const session = await platform.api.login(ALICE.email, ALICE.password);
    const other = await platform.api.login(ALICE.email, ALICE.password);
    expect((await platform.api.post('/api/v1/auth/logout', {}, { token: session.accessToken })).status).toBe(204);
    const refreshed = await platform.api.post('/api/v1/auth/refresh', { refreshToken: session.refreshToken });
    expect([refreshed.status, refreshed.body['code']]).toEqual([401, 'AUTH.REFRESH_INVALID']);
    // Only that session: Alice's other login goes on.
    expect((await platform.api.post('/api/v1/auth/refresh', { refreshToken: other.refreshToken })).status).toBe(200);
  });
});
