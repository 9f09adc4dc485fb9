import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUZZ_PLATFORM_ENV, formatFuzzReport, fuzzCustomerTokens, runFuzz } from '@shop/fuzz';
import { DIST_DIR, startEmbeddedPostgres, startTestPlatform } from '@shop/testing';

/** `--name value` from the command line, or the fallback. */
function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
  return value;
}

/**
 * `npm run fuzz [-- --requests 10000 --seed 42 --concurrency 8]`: boots a
 * throw-away platform (as the e2e tests do: PostgreSQL from PGHOST or an
 * embedded one, Redis on 127.0.0.1:6379), fuzzes every route in its
 * `/docs-json`, prints the status histogram, and exits 1 on any 5xx or
 * any error that is not problem+json.
 */
async function main(): Promise<void> {
  const requests = option('requests', 10_000);
  const seed = option('seed', Date.now() % 1_000_000);
  const concurrency = option('concurrency', 8);
  let stopPostgres: (() => Promise<void>) | undefined;
  if (!process.env['PGHOST'] && !process.env['DATABASE_URL']) {
    // As the e2e global setup does: the platform's services read these.
    const server = await startEmbeddedPostgres(DIST_DIR);
    Object.assign(process.env, { PGHOST: server.admin.host, PGPORT: String(server.admin.port), PGUSER: server.admin.user, PGPASSWORD: server.admin.password });
    stopPostgres = server.stop;
  }
  const platform = await startTestPlatform({ label: 'fuzz', env: { ...FUZZ_PLATFORM_ENV } });
  try {
    process.stdout.write(`Fuzzing ${platform.gatewayUrl} with ${requests} requests (seed ${seed})...\n`);
    const report = await runFuzz({
      baseUrl: platform.gatewayUrl,
      ca: readFileSync(join(platform.devDir, 'pki', 'web-ca.pem')),
      requests,
      seed,
      concurrency,
      userToken: fuzzCustomerTokens(platform.api),
    });
    process.stdout.write(`${formatFuzzReport(report)}\n`);
    process.exitCode = report.violations.length === 0 ? 0 : 1;
  } finally {
    await platform.destroy();
    await stopPostgres?.();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`fuzz failed: ${error.stack ?? error.message}\n`);
  process.exit(2);
});
