import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDevEnvironment } from '@shop/config';
import { openDatabaseServer, type DatabaseServer } from '@shop/dev-platform';
import { dropDatabase } from '@shop/persistence';
import { GRPC_SERVICES } from '@shop/topology';

export interface BenchWorkspace {
  readonly devDir: string;
  readonly database: DatabaseServer;
  readonly databaseName: string;
}

/** A throwaway dev folder and database for one bench or profile run, removed afterwards. */
export async function withBenchWorkspace<T>(run: (workspace: BenchWorkspace) => Promise<T>): Promise<T> {
  const devDir = mkdtempSync(join(tmpdir(), 'shop-bench-'));
  // Run as root, embedded PostgreSQL runs as a `postgres` user that must be able to traverse this folder.
  chmodSync(devDir, 0o711);
  const database = await openDatabaseServer(readDevEnvironment().database, join(devDir, 'postgres'));
  const databaseName = `bench_${Date.now().toString(36)}`;
  try {
    return await run({ devDir, database, databaseName });
  } finally {
    await dropDatabase(database.admin, databaseName, GRPC_SERVICES).catch(() => undefined);
    await database.stop();
    rmSync(devDir, { recursive: true, force: true });
  }
}
