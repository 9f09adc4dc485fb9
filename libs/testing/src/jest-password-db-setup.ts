import { join } from 'node:path';
import { REPO_ROOT, buildPlatform } from './build';
import { useEmbeddedPostgres } from './jest-global-setup';

/**
 * Jest globalSetup for integration tests of credentials (wrong passwords,
 * expired `VALID UNTIL`): always an embedded PostgreSQL with scram-sha-256,
 * even when PGHOST names a server, because a server that trusts loopback
 * (CI's) lets any password and any expired role in. The runner is compiled
 * into its own folder, apart from the other setups running in parallel.
 */
export default async function passwordDbSetup(): Promise<void> {
  const outDir = join(REPO_ROOT, 'tmp', 'test-password-db-dist');
  buildPlatform(outDir);
  await useEmbeddedPostgres(outDir);
}
