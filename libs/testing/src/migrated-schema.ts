import { createServiceDataSource } from '@shop/persistence';
import type { ServiceName } from '@shop/topology';
import type { DataSource, MixedList } from 'typeorm';
import { createTestDatabase } from './test-database';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM types migration classes as Function
type Migrations = MixedList<Function>;

/**
 * Runs `read` against one service's schema on a throw-away database, migrated
 * as `<service> migrate` does and read as the schema's owner: for tests that
 * compare what the SQL says with the TypeScript it repeats. `database` is the
 * service's `DatabaseDefinition` (libs/platform, which this lib may not import).
 */
export async function withMigratedSchema<T>(service: ServiceName, database: { readonly migrations: Migrations }, read: (owner: DataSource) => Promise<T>): Promise<T> {
  const testDatabase = await createTestDatabase(`${service}-schema`);
  let owner: DataSource | undefined;
  try {
    const credentials = testDatabase.services.get(service);
    if (!credentials) throw new Error(`no ${service} schema in the test database`);
    owner = await createServiceDataSource({ credentials: credentials.owner, applicationName: `${service}-schema-test`, migrations: database.migrations, poolSize: 1 }).initialize();
    await owner.runMigrations({ transaction: 'all' });
    return await read(owner);
  } finally {
    await owner?.destroy();
    await testDatabase.drop();
  }
}

/** The tables of the owner's schema that carry row-level security policies, sorted. */
export async function ownerPolicyTables(owner: DataSource): Promise<string[]> {
  const rows = (await owner.query('SELECT DISTINCT tablename FROM pg_policies WHERE schemaname = current_schema() ORDER BY tablename')) as Array<{ tablename: string }>;
  return rows.map((row) => row.tablename);
}
