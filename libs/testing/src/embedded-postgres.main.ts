import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabaseServer } from '@shop/dev-platform';
import { freePort } from './postgres';

/**
 * Runs an embedded PostgreSQL for one test run, as a plain child process of
 * Jest's global setup (Jest's module hooks and this ESM-only package do not
 * mix). Prints the connection as one JSON line, then lives until told to
 * stop or until its parent goes away.
 */
async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'shop-test-pg-'));
  const server = await openDatabaseServer({ kind: 'embedded' }, dir, await freePort());
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('disconnect', () => void stop());
  process.stdout.write(`${JSON.stringify(server.admin)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`embedded PostgreSQL failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
