import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, escapeIdentifier } from 'pg';
import { roleNames } from '@shop/persistence';
import { createTestDatabase, type TestDatabase } from '@shop/testing';
import { VAULT_DIR } from './vault-layout';

const psqlMissing = (() => {
  try {
    execFileSync('psql', ['--version'], { stdio: 'ignore' });
    return false;
  } catch {
    return true;
  }
})();
// CI has psql (the PostgreSQL server's client); a developer without it is told, CI never skips.
const describeWithPsql = psqlMissing && !process.env['CI'] ? describe.skip : describe;

/** The statements configure.sh gives Vault's database role, with the group filled in as the script does. */
function engineStatements(group: string): { creation: string; revocation: string } {
  const script = readFileSync(join(VAULT_DIR, 'configure.sh'), 'utf8');
  const assignments = new Map([...script.matchAll(/(creation_statements|revocation_statements)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2] as string]));
  const pick = (key: string) => {
    const value = assignments.get(key);
    if (value === undefined) throw new Error(`configure.sh has no ${key}`);
    return value.replaceAll('\\"', '"').replaceAll('${group}', group);
  };
  return { creation: pick('creation_statements'), revocation: pick('revocation_statements') };
}

const fill = (statement: string, values: Record<string, string>) => statement.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] as string);

describeWithPsql('vault/db-admin.sh against the real PostgreSQL', () => {
  let db: TestDatabase;
  let scratch: string;
  let adminUser: string;
  let adminPassword: string;
  const connect = async (user: string, password: string) => {
    const client = new Client({ host: db.admin.host, port: db.admin.port, user, password, database: db.name });
    await client.connect();
    return client;
  };

  beforeAll(async () => {
    db = await createTestDatabase('vaultadmin');
    scratch = mkdtempSync(join(tmpdir(), 'vault-db-admin-'));
    adminUser = `${db.name}_vault`;
    const superuserPasswordFile = join(scratch, 'superuser-password');
    writeFileSync(superuserPasswordFile, db.admin.password ?? '', { mode: 0o600 });
    execFileSync('sh', [join(VAULT_DIR, 'db-admin.sh')], {
      stdio: 'pipe',
      env: {
        PATH: process.env['PATH'],
        PGHOST: db.admin.host,
        PGPORT: String(db.admin.port),
        PGUSER: db.admin.user,
        ...(db.admin.password ? { SHOP_DB_SUPERUSER_PASSWORD_FILE: superuserPasswordFile } : {}),
        SHOP_DB_NAME: db.name,
        SHOP_DB_ADMIN_USER: adminUser,
        SHOP_DB_ADMIN_PASSWORD_FILE: join(scratch, 'vault-admin-password'),
      },
    });
    adminPassword = readFileSync(join(scratch, 'vault-admin-password'), 'utf8');
  }, 120_000);

  afterAll(async () => {
    const client = await connect(db.admin.user, db.admin.password ?? '');
    await client.query(`DROP ROLE IF EXISTS ${escapeIdentifier(adminUser)}`).finally(() => client.end());
    await db.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('writes a long random password, readable by its owner only', () => {
    expect(adminPassword).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(join(scratch, 'vault-admin-password')).mode & 0o777).toBe(0o600);
  });

  it('makes a login with CREATEROLE and nothing more, and leaves the group roles NOLOGIN', async () => {
    const client = await connect(db.admin.user, db.admin.password ?? '');
    try {
      const { rows } = await client.query('SELECT rolname, rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = $1 OR rolname LIKE $2 ORDER BY rolname', [adminUser, `${db.name}\\_%`]);
      const byName = new Map(rows.map((row) => [row.rolname as string, row]));
      expect(byName.get(adminUser)).toMatchObject({ rolcanlogin: true, rolsuper: false, rolcreaterole: true, rolcreatedb: false, rolbypassrls: false });
      for (const service of ['auth', 'order', 'payment', 'inventory']) expect([service, byName.get(roleNames(db.name, service).runtime)?.rolcanlogin]).toEqual([service, false]);
    } finally {
      await client.end();
    }
  });

  it('runs the engine’s own creation and revocation statements: a leased login works, then is gone', async () => {
    const group = roleNames(db.name, 'order').runtime;
    const { creation, revocation } = engineStatements(group);
    const login = { name: `v-k8s-order-${Date.now()}`, password: 'A1a-leased-login-password', expiration: new Date(Date.now() + 15 * 60_000).toISOString() };
    const vault = await connect(adminUser, adminPassword);
    try {
      await vault.query(fill(creation, login));
      const service = await connect(login.name, login.password);
      const { rows } = await service.query("SELECT current_user AS who, has_schema_privilege('orders', 'USAGE') AS usage");
      expect(rows[0]).toEqual({ who: login.name, usage: true });
      // Revocation ends the open session too: VALID UNTIL alone only stops new logins.
      const ended = new Promise<void>((resolve) => service.on('error', () => resolve()));
      await vault.query(fill(revocation, login));
      await ended;
      const gone = await vault.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [login.name]);
      expect(gone.rowCount).toBe(0);
    } finally {
      await vault.end();
    }
  });

  // PostgreSQL 16 bounded CREATEROLE to the roles a login administers (the compose and
  // kind images run 17). Before 16, CREATEROLE may grant any non-superuser role: the
  // test pins that down too, so the weaker guarantee on an old server is not a surprise.
  it('can hand a login only the runtime groups it administers (PostgreSQL 16+), not the owner role', async () => {
    const owner = roleNames(db.name, 'order').owner;
    const probe = `${db.name}_x`;
    const vault = await connect(adminUser, adminPassword);
    try {
      const version = Number((await vault.query('SHOW server_version_num')).rows[0].server_version_num);
      const attempt = vault.query(`CREATE ROLE ${escapeIdentifier(probe)} LOGIN IN ROLE ${escapeIdentifier(owner)}`);
      if (version >= 160000) await expect(attempt).rejects.toThrow(/permission denied/);
      else await expect(attempt.then(() => vault.query(`DROP ROLE ${escapeIdentifier(probe)}`))).resolves.toBeDefined();
    } finally {
      await vault.end();
    }
  });
});
