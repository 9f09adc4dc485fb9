import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUZZ_PLATFORM_ENV, formatFuzzReport, fuzzCustomerTokens, runFuzz, type FuzzReport } from '@shop/fuzz';
import { startTestPlatform, type TestPlatform } from '@shop/testing';

/**
 * The short fuzz of CI (issue 14 item 6): 1,500 generated malformed requests
 * over every route in /docs-json. `npm run fuzz` runs the long one. A new
 * seed each run widens the search; a failure prints the seed to replay it.
 */
const REQUESTS = 1_500;

describe('fuzzing every documented route', () => {
  let platform: TestPlatform;
  let report: FuzzReport;

  beforeAll(async () => {
    platform = await startTestPlatform({ label: 'fuzz', env: { ...FUZZ_PLATFORM_ENV } });
    report = await runFuzz({
      baseUrl: platform.gatewayUrl,
      ca: readFileSync(join(platform.devDir, 'pki', 'web-ca.pem')),
      requests: REQUESTS,
      seed: Number(process.env['FUZZ_SEED'] ?? Date.now() % 1_000_000),
      userToken: fuzzCustomerTokens(platform.api),
    });
    process.stdout.write(`${formatFuzzReport(report)}\n`);
    // Platform start plus the requests: about 90 s on a busy 2-core machine, well under a minute of requests in CI.
  }, 300_000);

  afterAll(() => platform?.destroy());

  it('sent every request to the documented routes', () => {
    expect(report.routes).toBeGreaterThanOrEqual(10);
    expect(Object.values(report.statuses).reduce((sum, n) => sum + n, 0)).toBe(REQUESTS);
  });

  it('got no 5xx and only problem+json errors (seed in the output above)', () => {
    expect(report.violations).toEqual([]);
  });

  it('reached the code under test, not a wall of 429', () => {
    expect(report.rateLimited).toBeLessThan(REQUESTS / 20);
  });
});
