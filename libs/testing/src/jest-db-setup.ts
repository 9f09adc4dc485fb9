import { join } from 'node:path';
import { REPO_ROOT, buildPlatform } from './build';
import { useEmbeddedPostgres } from './jest-global-setup';

/**
 * Jest globalSetup for integration tests that need PostgreSQL but not the
 * running services: the server at PGHOST/DATABASE_URL when set (CI:
 * 127.0.0.1:5432), otherwise an embedded one for this run. The embedded
 * runner is compiled into its own folder, so this never rewrites dist/ under
 * an e2e run that is starting services from it in parallel.
 */
export default async function dbSetup(): Promise<void> {
  if (process.env['PGHOST'] || process.env['DATABASE_URL']) return;
  const outDir = join(REPO_ROOT, 'tmp', 'test-db-dist');
  buildPlatform(outDir);
  await useEmbeddedPostgres(outDir);
}
