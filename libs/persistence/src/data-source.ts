import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import type { DatabaseCredentials } from '@shop/security/secrets';

export interface ServiceDataSourceOptions {
  readonly credentials: DatabaseCredentials;
  readonly applicationName: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM types entity classes as Function
  readonly entities?: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM types entity classes as Function
  readonly migrations?: MixedList<Function | string>;
  readonly poolSize?: number;
}

/**
 * A TypeORM data source bound to one service's schema. Schema changes only
 * ever come from migrations run by the owner role: `synchronize` is off and
 * the runtime role could not execute DDL anyway.
 */
export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  const { credentials } = options;
  return new DataSource({
    type: 'postgres',
    host: credentials.host,
    port: credentials.port,
    database: credentials.database,
    username: credentials.user,
    password: credentials.password,
    schema: credentials.schema,
    entities: options.entities ?? [],
    migrations: options.migrations ?? [],
    migrationsTableName: 'schema_migrations',
    migrationsRun: false,
    synchronize: false,
    logging: false,
    applicationName: options.applicationName,
    poolSize: options.poolSize ?? 10,
    extra: {
      // A stuck query or an abandoned transaction must not hold locks forever.
      statement_timeout: 5000,
      idle_in_transaction_session_timeout: 10_000,
      connectionTimeoutMillis: 3000,
      // Set per connection rather than per role: rotated login roles (Vault's
      // database engine, the local rotation) inherit the group role's rights
      // but not its `ALTER ROLE ... SET search_path`.
      options: `-c search_path=${credentials.schema}`,
    },
  });
}

/** /readyz: the database answers with this service's own credentials. */
export function databaseReadinessCheck(dataSource: DataSource) {
  return {
    name: 'database',
    check: async () => {
      await dataSource.query('SELECT 1');
    },
  };
}
