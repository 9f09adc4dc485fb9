import { randomBytes } from 'node:crypto';
import { Client, escapeIdentifier, escapeLiteral, type ClientConfig } from 'pg';
import type { DatabaseCredentials } from '@shop/security/secrets';
import { leasedLoginsOf, revokeLeasedLogin } from './leased-logins';

/** A superuser (or CREATEROLE + CREATEDB) connection to set the database up. */
export interface AdminConnection {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password?: string;
}

export interface ServiceDatabasePlan {
  /** The service, e.g. `order`. */
  readonly service: string;
  /** Its schema, e.g. `orders`. */
  readonly schema: string;
  /** Passwords to keep (from the secrets written last time); new ones otherwise. */
  readonly runtimePassword?: string;
  readonly ownerPassword?: string;
}

export interface ProvisionedService {
  readonly runtime: DatabaseCredentials;
  readonly owner: DatabaseCredentials;
}

const NAME = /^[a-z][a-z0-9_]{0,40}$/;

function newPassword(): string {
  return randomBytes(24).toString('base64url');
}

export function roleNames(database: string, service: string) {
  return { runtime: `${database}_${service}`, owner: `${database}_${service}_owner` };
}

/** Role DDL takes no bind parameters, so names and the password go through pg's own escaping. */
async function ensureRole(client: Client, name: string, password: string): Promise<void> {
  const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
  const alter = () =>
    client.query(`ALTER ROLE ${escapeIdentifier(name)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT PASSWORD ${escapeLiteral(password)}`);
  if (exists.rowCount) {
    await alter();
    return;
  }
  try {
    await client.query(`CREATE ROLE ${escapeIdentifier(name)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT PASSWORD ${escapeLiteral(password)}`);
  } catch (error) {
    // Two provisioners racing (parallel test files): the other one created it.
    const code = (error as { code?: string }).code;
    if (code !== '23505' && code !== '42710') throw error;
    await alter();
  }
}

/** The grants that make `runtime` a DML-only user of `schema`, owned by `owner`. */
async function grantSchema(client: Client, database: string, schema: string, owner: string, runtime: string): Promise<void> {
  await client.query(`GRANT CONNECT ON DATABASE ${escapeIdentifier(database)} TO ${escapeIdentifier(owner)}`);
  await client.query(`GRANT CONNECT ON DATABASE ${escapeIdentifier(database)} TO ${escapeIdentifier(runtime)}`);
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${escapeIdentifier(schema)} AUTHORIZATION ${escapeIdentifier(owner)}`);
  await client.query(`ALTER SCHEMA ${escapeIdentifier(schema)} OWNER TO ${escapeIdentifier(owner)}`);
  await client.query(`REVOKE ALL ON SCHEMA ${escapeIdentifier(schema)} FROM PUBLIC`);
  await client.query(`GRANT USAGE ON SCHEMA ${escapeIdentifier(schema)} TO ${escapeIdentifier(runtime)}`);
  // Tables the owner creates later are usable by the runtime role, DML only.
  await client.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${escapeIdentifier(owner)} IN SCHEMA ${escapeIdentifier(schema)} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${escapeIdentifier(runtime)}`);
  await client.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${escapeIdentifier(owner)} IN SCHEMA ${escapeIdentifier(schema)} GRANT USAGE, SELECT ON SEQUENCES TO ${escapeIdentifier(runtime)}`);
  await client.query(`ALTER ROLE ${escapeIdentifier(runtime)} IN DATABASE ${escapeIdentifier(database)} SET search_path = ${escapeIdentifier(schema)}`);
  await client.query(`ALTER ROLE ${escapeIdentifier(owner)} IN DATABASE ${escapeIdentifier(database)} SET search_path = ${escapeIdentifier(schema)}`);
}

/**
 * Creates (or repairs) the database layout: one database, one schema per
 * service, and per service an owner role (runs migrations, owns the schema)
 * and a runtime role (DML on its own schema, nothing else). PUBLIC loses the
 * default rights on the database and the public schema.
 * Idempotent: safe on every start.
 */
export async function provisionDatabase(
  admin: AdminConnection,
  database: string,
  plans: readonly ServiceDatabasePlan[],
): Promise<Map<string, ProvisionedService>> {
  if (!NAME.test(database)) throw new Error(`database name "${database}" must match ${NAME}`);
  const base: ClientConfig = { host: admin.host, port: admin.port, user: admin.user, password: admin.password };

  const server = new Client({ ...base, database: 'postgres' });
  await server.connect();
  try {
    const found = await server.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!found.rowCount) {
      try {
        await server.query(`CREATE DATABASE ${escapeIdentifier(database)}`);
      } catch (error) {
        if ((error as { code?: string }).code !== '42P04') throw error; // created concurrently
      }
    }
  } finally {
    await server.end();
  }

  const client = new Client({ ...base, database });
  await client.connect();
  const result = new Map<string, ProvisionedService>();
  try {
    await client.query(`REVOKE ALL ON DATABASE ${escapeIdentifier(database)} FROM PUBLIC`);
    await client.query('REVOKE ALL ON SCHEMA public FROM PUBLIC');
    for (const plan of plans) {
      if (!NAME.test(plan.service) || !NAME.test(plan.schema)) throw new Error(`bad service or schema name in ${JSON.stringify(plan)}`);
      const names = roleNames(database, plan.service);
      const runtimePassword = plan.runtimePassword ?? newPassword();
      const ownerPassword = plan.ownerPassword ?? newPassword();
      await ensureRole(client, names.owner, ownerPassword);
      await ensureRole(client, names.runtime, runtimePassword);
      await grantSchema(client, database, plan.schema, names.owner, names.runtime);
      const common = { host: admin.host, port: admin.port, database, schema: plan.schema };
      result.set(plan.service, {
        runtime: { ...common, user: names.runtime, password: runtimePassword },
        owner: { ...common, user: names.owner, password: ownerPassword },
      });
    }
  } finally {
    await client.end();
  }
  return result;
}

/** Removes a database and its roles, rotated login roles included (test clean-up). */
export async function dropDatabase(admin: AdminConnection, database: string, services: readonly string[]): Promise<void> {
  const client = new Client({ host: admin.host, port: admin.port, user: admin.user, password: admin.password, database: 'postgres' });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(database)} WITH (FORCE)`);
    for (const service of services) {
      const names = roleNames(database, service);
      for (const login of await leasedLoginsOf(client, names.runtime)) await revokeLeasedLogin(client, login.name);
      await client.query(`DROP ROLE IF EXISTS ${escapeIdentifier(names.runtime)}`);
      await client.query(`DROP ROLE IF EXISTS ${escapeIdentifier(names.owner)}`);
    }
  } finally {
    await client.end();
  }
}
