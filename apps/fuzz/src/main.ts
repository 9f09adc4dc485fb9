import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readDevEnvironment } from '@shop/config';
import { ApiClient, openDatabaseServer, startPlatform } from '@shop/dev-platform';
import { FUZZ_PLATFORM_ENV, formatFuzzReport, fuzzCustomerTokens, runFuzz } from '@shop/fuzz';
import { dropDatabase } from '@shop/persistence';
import { GRPC_SERVICES } from '@shop/topology';

const DIST = resolve(__dirname, '../../..');

/** `--name value` from the command line, or the fallback. */
function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
  return value;
}

/**
 * `npm run fuzz [-- --requests 10000 --seed 42 --concurrency 8]`: boots a
 * throw-away platform as `npm run bench` does (the database from the dev
 * environment, or an embedded one; its own database name; rate limits
 * raised), fuzzes every route in its `/docs-json`, prints the status
 * histogram, and exits 1 on any 5xx or any error that is not problem+json.
 */
async function main(): Promise<void> {
  const requests = option('requests', 10_000);
  const seed = option('seed', Date.now() % 1_000_000);
  const concurrency = option('concurrency', 8);
  // Clear of `npm start` (offset 0) and of the e2e blocks (1000 and up, a few hundred wide).
  const portOffset = option('port-offset', 7_000);
  // The services' logs stay in the dev folder for a look at a violation's request id.
  const keep = process.argv.includes('--keep');
  const env = readDevEnvironment();
  const devDir = mkdtempSync(join(tmpdir(), 'shop-fuzz-'));
  // Run as root, embedded PostgreSQL runs as a `postgres` user that must be able to traverse this folder.
  chmodSync(devDir, 0o711);
  const database = await openDatabaseServer(env.database, join(devDir, 'postgres'));
  const databaseName = `fuzz_${Date.now().toString(36)}`;
  const platform = await startPlatform({
    devDir,
    distDir: DIST,
    database: { kind: 'external', ...database.admin },
    databaseName,
    shopEnv: 'test',
    portOffset,
    redisUrl: env.redisUrl,
    env: { ...FUZZ_PLATFORM_ENV, REDIS_KEY_PREFIX: `fuzz:${seed}:` },
  });
  const ca = readFileSync(join(devDir, 'pki', 'web-ca.pem'));
  const api = new ApiClient(platform.gatewayUrl, ca);
  try {
    process.stdout.write(`Fuzzing ${platform.gatewayUrl} with ${requests} requests (seed ${seed})...\n`);
    const report = await runFuzz({ baseUrl: platform.gatewayUrl, ca, requests, seed, concurrency, userToken: fuzzCustomerTokens(api) });
    process.stdout.write(`${formatFuzzReport(report)}\n`);
    process.exitCode = report.violations.length === 0 ? 0 : 1;
  } finally {
    await api.close();
    await platform.stop();
    await dropDatabase(database.admin, databaseName, GRPC_SERVICES).catch(() => undefined);
    await database.stop();
    if (keep) process.stdout.write(`logs kept in ${join(devDir, 'logs')}\n`);
    else rmSync(devDir, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  process.stderr.write(`fuzz failed: ${error.stack ?? error.message}\n`);
  process.exit(2);
});
