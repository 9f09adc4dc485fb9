import { createServiceDataSource } from '@shop/persistence';
import { createTestDatabase, type TestDatabase } from '@shop/testing';
import type { DataSource } from 'typeorm';
import { CreateAuth1732300000000 } from '../migrations/1732300000000-create-auth';
import { LoginThrottle1732400000000 } from '../migrations/1732400000000-login-throttle';
import { FREE_FAILURES, LoginThrottle, emailKey, lockSeconds } from './login-throttle';

/** Integration: the throttle's SQL against a real PostgreSQL, with auth's own schema, migrations and runtime role. */
describe('LoginThrottle on PostgreSQL', () => {
  let database: TestDatabase;
  let owner: DataSource;
  let runtime: DataSource;
  let throttle: LoginThrottle;

  beforeAll(async () => {
    database = await createTestDatabase('throttle');
    const auth = database.services.get('auth');
    if (!auth) throw new Error('no auth service in the test database');
    owner = createServiceDataSource({ credentials: auth.owner, applicationName: 'throttle-test-migrate', migrations: [CreateAuth1732300000000, LoginThrottle1732400000000] });
    await owner.initialize();
    await owner.runMigrations({ transaction: 'all' });
    runtime = createServiceDataSource({ credentials: auth.runtime, applicationName: 'throttle-test', poolSize: 20 });
    await runtime.initialize();
    throttle = new LoginThrottle(runtime);
  }, 60_000);

  afterAll(async () => {
    await runtime?.destroy();
    await owner?.destroy();
    await database?.drop();
  });

  const lockedUntilIn = async (key: string) => {
    const [row] = (await owner.query('SELECT extract(epoch FROM locked_until - now()) AS s FROM login_throttle WHERE email_key = $1', [key])) as Array<{ s: string | null }>;
    return row?.s === null || row?.s === undefined ? null : Number(row.s);
  };

  it('allows the free attempts, then refuses with the seconds left', async () => {
    const key = emailKey('serial@shop.test');
    for (let n = 0; n < FREE_FAILURES; n++) expect(await throttle.claimAttempt(key)).toEqual({ allowed: true });
    expect(await throttle.claimAttempt(key)).toEqual({ allowed: false, retryAfterSeconds: lockSeconds(FREE_FAILURES) });
  });

  it('counts a parallel burst exactly: only the free attempts get through', async () => {
    const key = emailKey('burst@shop.test');
    const results = await Promise.all(Array.from({ length: 25 }, () => throttle.claimAttempt(key)));
    expect(results.filter((r) => r.allowed)).toHaveLength(FREE_FAILURES);
  });

  it('doubles the wait after each failure once the lock has passed, like lockSeconds', async () => {
    const key = emailKey('growing@shop.test');
    for (let n = 0; n < FREE_FAILURES; n++) await throttle.claimAttempt(key);
    await owner.query("UPDATE login_throttle SET locked_until = now() - interval '1 second' WHERE email_key = $1", [key]);
    expect(await throttle.claimAttempt(key)).toEqual({ allowed: true });
    const seconds = await lockedUntilIn(key);
    expect(seconds).toBeGreaterThan(lockSeconds(FREE_FAILURES + 1) - 1);
    expect(seconds).toBeLessThanOrEqual(lockSeconds(FREE_FAILURES + 1));
  });

  // The SQL's schedule is the same as lockSeconds', up to and past the cap (no overflow at 10,000).
  it.each([4, 5, 6, 7, 8, 14, 15, 100, 10_000])('locks for lockSeconds(%s) when an attempt brings the count there', async (failures) => {
    const key = emailKey(`schedule-${failures}@shop.test`);
    await owner.query('INSERT INTO login_throttle (email_key, failures, locked_until) VALUES ($1, $2, NULL)', [key, failures - 1]);
    expect(await throttle.claimAttempt(key)).toEqual({ allowed: true });
    const seconds = await lockedUntilIn(key);
    if (lockSeconds(failures) === 0) expect(seconds).toBeNull();
    else {
      expect(seconds).toBeGreaterThan(lockSeconds(failures) - 1);
      expect(seconds).toBeLessThanOrEqual(lockSeconds(failures));
    }
  });

  it('forgets the failures after a successful login', async () => {
    const key = emailKey('forgiven@shop.test');
    for (let n = 0; n < FREE_FAILURES - 1; n++) await throttle.claimAttempt(key);
    await throttle.clear(key);
    for (let n = 0; n < FREE_FAILURES; n++) expect((await throttle.claimAttempt(key)).allowed).toBe(true);
  });

  it('stores a hash, never the email', async () => {
    await throttle.claimAttempt(emailKey('private@shop.test'));
    const rows = (await owner.query('SELECT email_key FROM login_throttle')) as Array<{ email_key: string }>;
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.email_key))).toBe(true);
  });
});
