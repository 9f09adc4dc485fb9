import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Column, Entity, PrimaryColumn, type DataSource } from 'typeorm';
import { NestFactory } from '@nestjs/core';
import { LabSwitches, readDevEnvironment } from '@shop/config';
import { ShopError, type Principal, type Role } from '@shop/contracts';
import { createServiceDataSource, dropDatabase, provisionDatabase, type AdminConnection } from '@shop/persistence';
import { OwnedData, type RoleRequirement } from './owned-data';
import { OwnershipModule } from './ownership.module';
import { ownerPolicyStatements } from './rls-policy';

/**
 * The two owner checks, each on its own, against a real PostgreSQL as the
 * service's runtime role (never a superuser, which RLS would not bind):
 * the application-level filter with RLS off, RLS with the filter off, and
 * both off as the control that shows the tests can fail.
 */
@Entity({ name: 'notes' })
class NoteEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'owner_id' })
  ownerId: string;

  @Column('text')
  body: string;
}

const env = readDevEnvironment();
if (env.database.kind !== 'external') throw new Error('run through jest-db-setup (PGHOST)');
const admin: AdminConnection = env.database;
const database = `t_ownership_${randomBytes(4).toString('hex')}`;

const principal = (roles: Role[] = ['customer']): Principal => ({ sub: randomUUID(), roles, scope: [], jti: randomUUID() });
const alice = principal();
const bob = principal();
const adminUser = principal(['admin']);
const aliceNote = randomUUID();

const roles: RoleRequirement = {
  require(user, role) {
    if (!user.roles.includes(role)) throw new ShopError('AUTH.FORBIDDEN');
  },
};

let owner: Client;
let dataSource: DataSource;

/** RLS on or off for the table, as `migrate` sets it (lab switch `rls`). */
async function rls(enabled: boolean): Promise<void> {
  await owner.query(enabled ? 'ALTER TABLE notes ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY' : 'ALTER TABLE notes DISABLE ROW LEVEL SECURITY, NO FORCE ROW LEVEL SECURITY');
}

/** What Bob gets when he goes after Alice's note by its id, one way or another. */
async function bobsView(data: OwnedData) {
  return data.forOwner(bob, async (scope) => {
    const notes = scope.repository(NoteEntity);
    return {
      byId: (await notes.findOne({ id: aliceNote }))?.body ?? null,
      listed: (await notes.find()).map((n) => n.id).includes(aliceNote),
      updated: await notes.update({ id: aliceNote }, { body: 'bob was here' }),
    };
  });
}

const blockedView = { byId: null, listed: false, updated: 0 };

beforeAll(async () => {
  const provisioned = (await provisionDatabase(admin, database, [{ service: 'notes', schema: 'notes' }])).get('notes');
  if (!provisioned) throw new Error('not provisioned');
  owner = new Client(provisioned.owner);
  await owner.connect();
  await owner.query('SET search_path = notes');
  await owner.query('CREATE TABLE notes (id uuid PRIMARY KEY, owner_id uuid NOT NULL, body text NOT NULL)');
  for (const statement of ownerPolicyStatements('notes')) await owner.query(statement);
  await owner.query(`GRANT SELECT, INSERT, UPDATE ON notes TO ${provisioned.runtime.user}`);
  dataSource = await createServiceDataSource({ credentials: provisioned.runtime, applicationName: 'ownership-test', entities: [NoteEntity], poolSize: 1 }).initialize();
  await new OwnedData(dataSource, { filterByOwner: true, roles }).forOwner(alice, (scope) => scope.repository(NoteEntity).insert({ id: aliceNote, body: "alice's" }));
});

afterAll(async () => {
  await dataSource?.destroy();
  await owner?.end();
  await dropDatabase(admin, database, ['notes']);
});

afterEach(() => rls(true));

describe('OwnedData against PostgreSQL', () => {
  it('shows the owner her own row (the control for every "blocked" below)', async () => {
    const data = new OwnedData(dataSource, { filterByOwner: true, roles });
    const body = await data.forOwner(alice, async (scope) => (await scope.repository(NoteEntity).findOne({ id: aliceNote }))?.body);
    expect(body).toBe("alice's");
  });

  it('with both checks off, Bob reads and overwrites Alice\'s row: the attack the checks stop', async () => {
    await rls(false);
    const view = await bobsView(new OwnedData(dataSource, { filterByOwner: false, roles }));
    expect(view).toEqual({ byId: "alice's", listed: true, updated: 1 });
    await owner.query(`UPDATE notes SET body = 'alice''s' WHERE id = $1`, [aliceNote]);
  });

  it('blocks Bob with the application-level owner filter alone (RLS off)', async () => {
    await rls(false);
    expect(await bobsView(new OwnedData(dataSource, { filterByOwner: true, roles }))).toEqual(blockedView);
  });

  it('blocks Bob with row-level security alone (owner filter off)', async () => {
    expect(await bobsView(new OwnedData(dataSource, { filterByOwner: false, roles }))).toEqual(blockedView);
  });

  it('writes every row as the scope owner, whatever ownerId the caller passes', async () => {
    await rls(false);
    const id = randomUUID();
    const data = new OwnedData(dataSource, { filterByOwner: true, roles });
    await data.forOwner(bob, (scope) => scope.repository(NoteEntity).insert({ id, body: 'mine', ownerId: alice.sub } as never));
    const { rows } = await owner.query<{ owner_id: string }>('SELECT owner_id FROM notes WHERE id = $1', [id]);
    expect(rows).toEqual([{ owner_id: bob.sub }]);
  });

  it('refuses, under RLS, a row written for another owner even with the filter off', async () => {
    const data = new OwnedData(dataSource, { filterByOwner: false, roles });
    const write = data.forOwner(bob, (scope) => scope.unownedManager.query('INSERT INTO notes (id, owner_id, body) VALUES ($1, $2, $3)', [randomUUID(), alice.sub, 'forged']));
    await expect(write).rejects.toThrow(/row-level security/);
  });

  it('returns nothing outside an owner scope, and the scope does not outlive its transaction', async () => {
    const data = new OwnedData(dataSource, { filterByOwner: true, roles });
    await data.forOwner(alice, (scope) => scope.repository(NoteEntity).find());
    // Same pooled connection (pool size 1), no scope: the setting is gone.
    expect(await dataSource.query('SELECT id FROM notes')).toEqual([]);
  });

  it('opens the read-across-owners path to admins only, read-only', async () => {
    const data = new OwnedData(dataSource, { filterByOwner: true, roles });
    expect(() => data.asAdmin(bob, async () => undefined)).toThrow(ShopError);
    const ids = await data.asAdmin(adminUser, async (manager) => (await manager.find(NoteEntity)).map((n) => n.id));
    expect(ids).toContain(aliceNote);
    await expect(data.asAdmin(adminUser, (manager) => manager.update(NoteEntity, { id: aliceNote }, { body: 'admin edit' }))).rejects.toThrow(/read-only/);
  });
});

describe('ownerPolicyStatements', () => {
  it('refuses identifiers that would be interpolated into DDL unsafely', () => {
    expect(() => ownerPolicyStatements('notes; DROP TABLE notes')).toThrow(/bad identifier/);
    expect(() => ownerPolicyStatements('notes', 'owner_id = owner_id OR true')).toThrow(/bad identifier/);
    expect(ownerPolicyStatements('notes.notes')[2]).toContain('CREATE POLICY notes_notes_owner_all ON notes.notes');
  });
});

describe('OwnershipModule: the one place the `ownership` switch is read', () => {
  /** The OwnedData a service gets injected, from the module as PlatformModule imports it. */
  async function injected(lab: LabSwitches): Promise<OwnedData> {
    const app = await NestFactory.createApplicationContext(OwnershipModule.forDataSource({ dataSource, lab, roles }), { logger: false });
    const data = app.get(OwnedData);
    await app.close();
    return data;
  }

  it('filters by owner when the switch is on, and not when the lab turns it off (RLS off, so the filter alone decides)', async () => {
    await rls(false);
    expect(await bobsView(await injected(LabSwitches.none()))).toEqual(blockedView);
    const open = await bobsView(await injected(LabSwitches.parse('lab', 'ownership')));
    expect(open).toMatchObject({ byId: "alice's", listed: true });
    await owner.query(`UPDATE notes SET body = 'alice''s' WHERE id = $1`, [aliceNote]);
  });
});
