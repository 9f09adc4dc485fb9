import { Client } from 'pg';
import { DEMO_ACCOUNTS } from '@shop/contracts';
import { leasedLoginsOf, roleNames } from '@shop/persistence';
import { startTestPlatform, type TestPlatform } from '@shop/testing';
import { stockOf } from './support/checkout';
import { issueLogin, logProblemsBetween, readDbFile, sessionUsers, swapTimes, waitForEvent, waitForSwap, writeDbFile } from './support/db-credentials';
import { driveShopLoad, longestDuring, percentile } from './support/shop-load';

const ROTATION_SECONDS = 3;
const MIN_ROTATIONS = 5;
const DB_SERVICES = ['auth', 'order', 'payment', 'inventory'] as const;
// Stickers, pins and notebooks, topped up to STOCK_EACH at start: no checkout may be refused for stock,
// however fast the load runs (the seed's 200 notebooks ran out once the catalogue reads got cheaper).
const STOCK_EACH = 100_000;
const PRODUCTS = ['6f1c8a52-0b8e-4c1e-9a51-000000000004', '6f1c8a52-0b8e-4c1e-9a51-000000000010', '6f1c8a52-0b8e-4c1e-9a51-000000000012'];
const [ALICE, BOB, ADMIN] = DEMO_ACCOUNTS;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('database credentials rotated under load (SHOP_DB_ROTATION_SECONDS)', () => {
  let platform: TestPlatform;
  let admin: Client;

  beforeAll(async () => {
    platform = await startTestPlatform({
      label: 'rotation',
      // Its own PostgreSQL, which checks passwords and VALID UNTIL (scram-sha-256):
      // the CI server trusts loopback and would accept any password and any expired role.
      embeddedDatabase: true,
      dbRotationSeconds: ROTATION_SECONDS,
      env: { SHOP_RATE_LIMIT_IP_PER_10S: '100000', SHOP_RATE_LIMIT_USER_PER_10S: '100000', SHOP_RATE_LIMIT_LOGIN_PER_MIN: '100000' },
    });
    admin = new Client({ ...platform.database.admin, database: platform.databaseName });
    await admin.connect();
    await admin.query('UPDATE inventory.products SET stock = $1 WHERE id = ANY($2::uuid[])', [STOCK_EACH, PRODUCTS]);
  });

  afterAll(async () => {
    await admin?.end();
    await platform?.destroy();
  });

  it(`rotates every service's login ${MIN_ROTATIONS}+ times under load with no failed request`, async () => {
    const rotation = platform.rotation;
    if (!rotation) throw new Error('rotation is off');
    const api = platform.api;
    const customers = [(await api.login(ALICE.email, ALICE.password)).accessToken, (await api.login(BOB.email, BOB.password)).accessToken];
    const { refreshToken } = await api.login(ADMIN.email, ADMIN.password);
    const startStock = await Promise.all(PRODUCTS.map((id) => stockOf(api, id)));
    const firstRound = rotation.rounds.length; // issued before the services started: no swap
    let stopAt = Infinity;

    const load = driveShopLoad({ api, customers, refreshToken, productIds: PRODUCTS, shoppers: 3, done: () => Date.now() >= stopAt });
    while (rotation.rounds.length < firstRound + MIN_ROTATIONS + 1) await sleep(100);
    await rotation.stop(); // the newest logins stay valid for three periods
    stopAt = Date.now() + 2500; // keep the load on while the services move to the newest login
    const requests = await load;

    const rounds = rotation.rounds.slice(firstRound);
    const newest = rotation.rounds[rotation.rounds.length - 1];
    const swaps = new Map(await Promise.all(DB_SERVICES.map(async (s) => [s, await swapTimes(platform.devDir, s)] as const)));
    const windows = rounds.map((round) => {
      const ends = DB_SERVICES.map((s) => swaps.get(s)?.get(round.logins.get(s) as string) ?? Infinity);
      return [round.at.getTime(), Math.max(...ends)] as const;
    });
    const failures = requests.filter((r) => !r.ok);
    const checkouts = requests.filter((r) => r.op === 'checkout' && r.ok).length;
    const summary = {
      requests: requests.length,
      checkouts,
      failures: failures.length,
      rotationsPerService: Object.fromEntries(DB_SERVICES.map((s) => [s, rounds.filter((round) => swaps.get(s)?.has(round.logins.get(s) as string)).length])),
      longestDuringSwapMs: longestDuring(requests, windows),
      p50Ms: percentile(requests, 50),
      p99Ms: percentile(requests, 99),
      maxMs: percentile(requests, 100),
    };
    process.stdout.write(`DB-ROTATION-PROOF ${JSON.stringify(summary)}\n`);

    const context = failures.length ? await logProblemsBetween(platform.devDir, ['gateway', ...DB_SERVICES], (failures[0]?.start ?? 0) - 1000, (failures[0]?.end ?? 0) + 1000) : [];
    expect({ failures: failures.slice(0, 5), context }).toEqual({ failures: [], context: [] });
    for (const service of DB_SERVICES) expect(summary.rotationsPerService[service]).toBeGreaterThanOrEqual(MIN_ROTATIONS);
    expect(windows.every(([, end]) => Number.isFinite(end))).toBe(true);
    // Every service's sessions use its newest login, and nothing else (no static role, no older
    // lease), once the old pools have finished their last requests (bounded: the lease is 9 s).
    const newestLogins = [...(newest?.logins.values() ?? [])].sort();
    const deadline = Date.now() + 8000;
    while (Date.now() < deadline && JSON.stringify(await sessionUsers(admin, platform.databaseName)) !== JSON.stringify(newestLogins)) await sleep(200);
    expect(await sessionUsers(admin, platform.databaseName)).toEqual(newestLogins);
    for (const service of DB_SERVICES) {
      const live = (await leasedLoginsOf(admin, roleNames(platform.databaseName, service).runtime)).map((l) => l.name);
      // Leases last 3 periods plus half a period of grace: only the last 4 rounds may still exist.
      const recent = rotation.rounds.slice(-4).map((round) => round.logins.get(service));
      expect(live.filter((name) => !recent.includes(name))).toEqual([]); // older leases were revoked and dropped
      const group = await admin.query('SELECT rolcanlogin FROM pg_roles WHERE rolname = $1', [roleNames(platform.databaseName, service).runtime]);
      expect(group.rows).toEqual([{ rolcanlogin: false }]);
    }
    // Data intact: every confirmed unit left the stock, no more and no less, and no order is stuck.
    const { rows } = await admin.query<{ product_id: string; units: string }>(
      `SELECT i.product_id, sum(i.quantity) AS units FROM orders.order_items i JOIN orders.orders o ON o.id = i.order_id WHERE o.status = 'CONFIRMED' GROUP BY 1`,
    );
    const sold = new Map(rows.map((row) => [row.product_id, Number(row.units)]));
    const stockNow = await Promise.all(PRODUCTS.map((id) => stockOf(api, id)));
    expect(PRODUCTS.map((id, i) => (stockNow[i] ?? 0) + (sold.get(id) ?? 0))).toEqual(startStock);
    expect([...sold.values()].reduce((a, b) => a + b, 0)).toBe(checkouts);
    expect((await admin.query(`SELECT count(*)::int AS n FROM orders.orders WHERE status = 'PENDING'`)).rows).toEqual([{ n: 0 }]);
  });

  it('keeps serving on the last good login when db.json is corrupt or wrong, and is not ready only once its lease has ended', async () => {
    await platform.rotation?.stop();
    const { devDir, databaseName } = platform;
    const ready = async () => (await fetch(`${platform.opsUrl('inventory')}/readyz`)).status;
    const serving = async () => (await platform.api.get('/api/v1/products')).status;
    const base = readDbFile(devDir, 'inventory');

    const good = await issueLogin(admin, base, 'inventory', 60);
    writeDbFile(devDir, 'inventory', good);
    await waitForSwap(devDir, 'inventory', good.user);

    let since = Date.now();
    writeDbFile(devDir, 'inventory', '{"host": "127.0.0.1", "port": 54'); // what a half-written file looks like
    await waitForEvent(devDir, 'inventory', 'db_credentials_rejected', 'invalid_file', since);
    expect([await serving(), await ready()]).toEqual([200, 200]);

    since = Date.now();
    const other = await issueLogin(admin, base, 'inventory', 60);
    writeDbFile(devDir, 'inventory', { ...other, password: 'not-the-password' });
    const event = await waitForEvent(devDir, 'inventory', 'db_credentials_rejected', 'login_failed', since);
    expect(event['detail']).toMatchObject({ keptUser: good.user });
    expect(JSON.stringify(event)).not.toContain(other.password);
    expect([await serving(), await ready()]).toEqual([200, 200]);
    expect((await sessionUsers(admin, databaseName)).filter((user) => user.includes('_inventory_'))).toEqual([good.user]);

    // A lease that ends with nothing newer behind it: the one case that is not ready.
    since = Date.now();
    const shortLived = await issueLogin(admin, base, 'inventory', 3);
    writeDbFile(devDir, 'inventory', shortLived);
    await waitForSwap(devDir, 'inventory', shortLived.user);
    await waitForEvent(devDir, 'inventory', 'db_credentials_expired', 'lease_ended', since);
    expect(await ready()).toBe(503);

    const renewed = await issueLogin(admin, base, 'inventory', 60);
    writeDbFile(devDir, 'inventory', renewed);
    await waitForSwap(devDir, 'inventory', renewed.user);
    expect([await serving(), await ready()]).toEqual([200, 200]);
    expect(readDbFile(devDir, 'inventory').user).toBe(renewed.user);
  });
});
