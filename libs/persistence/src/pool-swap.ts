import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import type { PostgresConnectionCredentialsOptions } from 'typeorm/driver/postgres/PostgresConnectionCredentialsOptions';
import type { DatabaseCredentials } from '@shop/security/secrets';

/**
 * The two members of TypeORM's PostgresDriver (0.3.x) a swap needs: `master`,
 * the pg Pool every query runner takes its connection from at connect time,
 * and `createPool`, which builds a pool exactly as `initialize()` did (same
 * application name, pool size, timeouts, search_path, error handler).
 * Checked at runtime and by pool-swap.int.spec.ts, so a TypeORM upgrade that
 * renames them fails loudly instead of silently never rotating.
 */
interface PostgresDriverInternals {
  master: Pool | undefined;
  readonly options: PostgresConnectionOptions;
  createPool(options: PostgresConnectionOptions, credentials: PostgresConnectionCredentialsOptions): Promise<Pool>;
}

/** Why new credentials were not taken: stable words for events and metrics. */
export type CredentialProofFailure = 'login_failed' | 'not_authorized' | 'unreachable';

export class CredentialProofError extends Error {
  constructor(
    readonly reason: CredentialProofFailure,
    message: string,
  ) {
    super(message);
    this.name = 'CredentialProofError';
  }
}

function driverOf(dataSource: DataSource): PostgresDriverInternals {
  const driver = dataSource.driver as unknown as PostgresDriverInternals;
  if (!dataSource.isInitialized || typeof driver.createPool !== 'function' || !driver.master) {
    throw new Error('pool swap needs an initialized TypeORM postgres data source (driver.master / driver.createPool)');
  }
  return driver;
}

/** PostgreSQL answers a bad password, an unknown role and an expired VALID UNTIL alike: 28P01 or 28000. */
function classify(error: unknown): CredentialProofFailure {
  const code = (error as { code?: string }).code;
  if (code === '28P01' || code === '28000') return 'login_failed';
  if (code === '42501') return 'not_authorized';
  return 'unreachable';
}

/** Opens `count` connections at once and returns them to the pool, so new work finds them ready. */
async function warm(pool: Pool, count: number): Promise<void> {
  const clients = await Promise.all(Array.from({ length: count }, () => pool.connect()));
  for (const client of clients) client.release();
}

/**
 * Opens a pool with `credentials`, configured like the data source's own, and
 * proves it works before anyone relies on it: the login succeeds, the server
 * says we are that user, and the user may use the service's schema (a login
 * role that is not a member of the service's group role has no USAGE).
 * It then opens as many connections as the current pool holds (`warmTo`):
 * under load, requests would otherwise queue behind a burst of fresh logins
 * right after the swap. The pool is closed again when anything fails.
 */
export async function openProvenPool(dataSource: DataSource, credentials: DatabaseCredentials, warmTo = 1): Promise<Pool> {
  const driver = driverOf(dataSource);
  let pool: Pool;
  try {
    pool = await driver.createPool(driver.options, {
      host: credentials.host,
      port: credentials.port,
      database: credentials.database,
      username: credentials.user,
      password: credentials.password,
    });
  } catch (error) {
    throw new CredentialProofError(classify(error), `cannot log in as ${credentials.user}: ${(error as Error).message}`);
  }
  try {
    const { rows } = await pool.query<{ who: string; usage: boolean }>('SELECT current_user AS who, has_schema_privilege($1, $2) AS usage', [credentials.schema, 'USAGE']);
    if (rows[0]?.who !== credentials.user) throw new CredentialProofError('not_authorized', `logged in as ${rows[0]?.who}, expected ${credentials.user}`);
    if (!rows[0].usage) throw new CredentialProofError('not_authorized', `${credentials.user} may not use schema ${credentials.schema}`);
    await warm(pool, Math.min(warmTo, driver.options.poolSize ?? 10));
    return pool;
  } catch (error) {
    await pool.end().catch(() => undefined);
    if (error instanceof CredentialProofError) throw error;
    throw new CredentialProofError(classify(error), `${credentials.user} failed the probe query: ${(error as Error).message}`);
  }
}

/**
 * Ends a pool that no longer receives new work, without failing work it has:
 * first wait until its queue of callers waiting for a connection is empty
 * (pg-pool's end() would leave them hanging), then end() it, which closes
 * idle connections at once and each checked-out one when its holder releases
 * it. Never TypeORM's destroy(): that force-releases every connected query
 * runner, which would cut transactions still running on the old pool.
 */
async function drain(pool: Pool): Promise<void> {
  while (pool.waitingCount > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  await pool.end();
}

/**
 * Moves new work to `pool`: every query runner that connects from now on gets
 * a connection from it. Query runners already holding a connection of the
 * previous pool finish their work there, and release returns the connection
 * to the previous pool, which closes it. `drained` resolves when the previous
 * pool holds no connection any more.
 */
export function installPool(dataSource: DataSource, pool: Pool): { readonly drained: Promise<void> } {
  const driver = driverOf(dataSource);
  const previous = driver.master as Pool;
  driver.master = pool;
  return { drained: drain(previous) };
}

/** The pool the data source hands out connections from right now (tests, metrics). */
export function currentPool(dataSource: DataSource): Pool {
  return driverOf(dataSource).master as Pool;
}
