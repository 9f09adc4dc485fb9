import { createServiceDataSource, setRowLevelSecurity } from '@shop/persistence';
import { ownedTables } from '@shop/security/ownership';
import { SECRET_FILES, SecretFiles, migrationSecretsDirOf, readDatabaseCredentials, type DatabaseCredentials } from '@shop/security/secrets';
import type { DataSource } from 'typeorm';
import type { DatabaseDefinition } from './service-definition';
import type { ServiceRuntime } from './service-runtime';

/**
 * A service's database, opened as one of its two roles: `runtime` (what
 * `serve` uses, rotated by Vault or SHOP_DB_ROTATION_SECONDS) or `owner`
 * (schema changes and seed data only, from the migration secrets folder).
 */
export function credentialsOf(runtime: ServiceRuntime, role: 'runtime' | 'owner'): DatabaseCredentials {
  return role === 'runtime'
    ? readDatabaseCredentials(runtime.secrets, SECRET_FILES.runtimeDb)
    : readDatabaseCredentials(new SecretFiles(migrationSecretsDirOf(runtime.secrets.dir)), SECRET_FILES.ownerDb);
}

export async function openDatabase(runtime: ServiceRuntime, database: DatabaseDefinition, role: 'runtime' | 'owner', credentials = credentialsOf(runtime, role)): Promise<DataSource> {
  const dataSource = createServiceDataSource({
    credentials,
    applicationName: `${runtime.config.service}-${role}`,
    entities: database.entities,
    migrations: database.migrations,
    poolSize: role === 'runtime' ? 10 : 1,
  });
  return dataSource.initialize();
}

/** `<service> migrate`: schema migrations as the owner role, then row-level security on (or off in lab mode). */
export async function migrate(runtime: ServiceRuntime, database: DatabaseDefinition): Promise<void> {
  const rowLevelSecurity = runtime.config.lab.isOn('rls');
  const dataSource = await openDatabase(runtime, database, 'owner');
  try {
    const applied = await dataSource.runMigrations({ transaction: 'all' });
    const tables = ownedTables(database.entities);
    if (tables.length > 0) {
      const runner = dataSource.createQueryRunner();
      try {
        await setRowLevelSecurity(runner, tables, rowLevelSecurity);
      } finally {
        await runner.release();
      }
    }
    runtime.logger.info({ applied: applied.map((m) => m.name), rowLevelSecurity }, 'migrated');
  } finally {
    await dataSource.destroy();
  }
}

/** `<service> seed`: demo data, never in production. */
export async function seed(runtime: ServiceRuntime, database: DatabaseDefinition): Promise<void> {
  if (runtime.config.env === 'production') throw new Error('refusing to seed demo data with SHOP_ENV=production');
  if (!database.seed) return;
  const dataSource = await openDatabase(runtime, database, 'owner');
  try {
    await database.seed(dataSource, runtime);
  } finally {
    await dataSource.destroy();
  }
}
