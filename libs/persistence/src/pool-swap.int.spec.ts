import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { readDevEnvironment } from '@shop/config';
import type { DatabaseCredentials } from '@shop/security/secrets';
import { createServiceDataSource } from './data-source';
import { createLeasedLogin, leasedLoginsOf, makeGroupOnly, revokeLeasedLogin } from './leased-logins';
import { CredentialProofError, currentPool, installPool, openProvenPool } from './pool-swap';
import { dropDatabase, provisionDatabase, type AdminConnection } from './provisioning';

// Integration test on the real server: the swap relies on TypeORM and pg-pool
// internals (driver.master, pool.end() semantics), so it is proven here, not mocked.
const env = readDevEnvironment();
if (env.database.kind !== 'external') throw new Error('run through jest-db-setup (PGHOST)');
const admin: AdminConnection = env.database;
const database = `t_poolswap_${randomBytes(4).toString('hex')}`;
let group: string;
let owner: DatabaseCredentials;
let superuser: Client;
let dataSource: DataSource;

async function leased(suffix: string, seconds = 60): Promise<DatabaseCredentials> {
  const password = randomBytes(12).toString('hex');
  const name = `${group}_${suffix}`;
  await createLeasedLogin(superuser, group, { name, validUntil: new Date(Date.now() + seconds * 1000) }, password);
  return { ...owner, user: name, password };
}

const whoAmI = async () => ((await dataSource.query('SELECT current_user AS who')) as Array<{ who: string }>)[0]?.who;
const settled = <T>(promise: Promise<T>) => Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 300))]);

beforeAll(async () => {
  const provisioned = await provisionDatabase(admin, database, [{ service: 'order', schema: 'orders' }]);
  const service = provisioned.get('order');
  if (!service) throw new Error('not provisioned');
  owner = service.owner;
  group = service.runtime.user;
  superuser = new Client({ ...admin, database });
  await superuser.connect();
  await superuser.query(`CREATE TABLE orders.items (id int PRIMARY KEY)`);
  await superuser.query(`ALTER TABLE orders.items OWNER TO ${owner.user}`);
  await superuser.query(`GRANT SELECT, INSERT ON orders.items TO ${group}`);
  await makeGroupOnly(superuser, group);
  dataSource = await createServiceDataSource({ credentials: await leased('a'), applicationName: 'pool-swap-test', poolSize: 2 }).initialize();
});

afterAll(async () => {
  await dataSource?.destroy();
  await superuser?.end();
  await dropDatabase(admin, database, ['order']);
});

describe('swapping the pool under a running data source', () => {
  it('lets a transaction begun on the old pool finish there while new work moves to the new pool', async () => {
    const before = await whoAmI();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const transaction = dataSource.transaction(async (manager) => {
      await manager.query('INSERT INTO items (id) VALUES (1)'); // unqualified: search_path is set per connection
      await gate;
      return ((await manager.query('SELECT current_user AS who')) as Array<{ who: string }>)[0]?.who;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));

    const next = await leased('b');
    const { drained } = installPool(dataSource, await openProvenPool(dataSource, next));
    expect(await whoAmI()).toBe(next.user);
    expect(await settled(drained)).toBe(false); // the old pool waits for the open transaction

    release();
    expect(await transaction).toBe(before);
    await drained;
    expect(await dataSource.query('SELECT id FROM items')).toEqual([{ id: 1 }]);
  });

  it('serves callers already queued on a full old pool before ending it', async () => {
    const old = currentPool(dataSource);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const holders = [1, 2].map(() => dataSource.transaction(async (manager) => gate.then(() => manager.query('SELECT 1'))));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const queued = dataSource.query('SELECT current_user AS who') as Promise<Array<{ who: string }>>;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(old.waitingCount).toBe(1);

    const { drained } = installPool(dataSource, await openProvenPool(dataSource, await leased('c')));
    release();
    await Promise.all(holders);
    expect((await queued)[0]?.who).not.toBe(`${group}_c`);
    await drained;
    expect(old.totalCount).toBe(0);
  });

  it.each([
    ['a wrong password', async () => ({ ...(await leased('d')), password: 'not-the-password' }), 'login_failed'],
    ['an expired lease', () => leased('e', -60), 'login_failed'],
    ['an unknown role', async () => ({ ...owner, user: `${group}_nobody`, password: 'x' }), 'login_failed'],
    ['a login that is not a member of the group role', async () => {
      const password = randomBytes(12).toString('hex');
      await superuser.query(`CREATE ROLE ${group}_stray LOGIN PASSWORD '${password}'`);
      await superuser.query(`REVOKE ALL ON SCHEMA public FROM ${group}_stray`);
      await superuser.query(`GRANT CONNECT ON DATABASE ${database} TO ${group}_stray`);
      return { ...owner, user: `${group}_stray`, password };
    }, 'not_authorized'],
  ])('refuses %s and leaves the working pool in place', async (_case, credentials, reason) => {
    const working = currentPool(dataSource);
    await expect(openProvenPool(dataSource, await credentials())).rejects.toMatchObject({ name: CredentialProofError.name, reason });
    expect(currentPool(dataSource)).toBe(working);
    expect(await dataSource.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
  });

  it('revokes a lease: its sessions end and the role is gone', async () => {
    const stale = await leased('f');
    const session = new Client({ host: stale.host, port: stale.port, database, user: stale.user, password: stale.password });
    await session.connect();
    session.on('error', () => undefined);
    expect(await revokeLeasedLogin(superuser, stale.user)).toBe(1);
    expect((await leasedLoginsOf(superuser, group)).map((login) => login.name)).not.toContain(stale.user);
    await expect(session.query('SELECT 1')).rejects.toThrow();
    await superuser.query(`DROP OWNED BY ${group}_stray`);
    await superuser.query(`DROP ROLE IF EXISTS ${group}_stray`);
  });
});
