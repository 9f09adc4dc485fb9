import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropDatabase } from '@shop/persistence';
import { ApiClient, startPlatform, type RunningPlatform } from '@shop/dev-platform';
import { GRPC_SERVICES } from '@shop/topology';
import { DIST_DIR } from './build';
import { testAdminConnection, testRedisUrl } from './postgres';
import { uniqueDatabaseName } from './test-database';

export interface TestPlatformOptions {
  readonly label: string;
  /** Lab mode with these controls off (comma separated); secure defaults when absent. */
  readonly labDisable?: string;
  /** Extra environment for every service (e.g. rate limits). */
  readonly env?: Record<string, string>;
  readonly useRedis?: boolean;
}

export interface TestPlatform extends RunningPlatform {
  readonly api: ApiClient;
  readonly databaseName: string;
  readonly portOffset: number;
  /** Stops everything and deletes the database, roles and temp folder. */
  destroy(): Promise<void>;
}

let platformsStarted = 0;

/**
 * Each platform gets its own port block so several can run at once (one per
 * Jest worker, and e.g. a secure and a lab platform side by side).
 */
function nextPortOffset(): number {
  const worker = Number(process.env['JEST_WORKER_ID'] ?? 1);
  return 1000 + (worker - 1) * 400 + (platformsStarted++ % 20) * 20;
}

/**
 * True when a service could not bind its port. The test port blocks lie
 * inside Linux's ephemeral range (32768-60999), so an outgoing connection
 * elsewhere on the machine can hold one of them for a moment.
 */
function portWasTaken(devDir: string): boolean {
  try {
    return readdirSync(join(devDir, 'logs')).some((file) => readFileSync(join(devDir, 'logs', file), 'utf8').includes('EADDRINUSE'));
  } catch {
    return false;
  }
}

/** Boots the five services the way `npm start` does, against a throw-away database; moves to another port block if one port is taken. */
export async function startTestPlatform(options: TestPlatformOptions): Promise<TestPlatform> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startTestPlatformOnce(options);
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt >= 3) throw error;
    }
  }
}

class PortTakenError extends Error {}

async function startTestPlatformOnce(options: TestPlatformOptions): Promise<TestPlatform> {
  const devDir = mkdtempSync(join(tmpdir(), `shop-${options.label}-`));
  const admin = testAdminConnection();
  const databaseName = uniqueDatabaseName(options.label);
  const portOffset = nextPortOffset();
  let platform: RunningPlatform;
  try {
    platform = await startPlatform({
      devDir,
      distDir: DIST_DIR,
      database: { kind: 'external', ...admin },
      databaseName,
      shopEnv: options.labDisable ? 'lab' : 'test',
      labDisable: options.labDisable,
      portOffset,
      redisUrl: options.useRedis === false ? undefined : testRedisUrl(),
      logLevel: 'info',
      env: { REDIS_KEY_PREFIX: `test:${randomBytes(4).toString('hex')}:`, ...options.env },
    });
  } catch (error) {
    if (!portWasTaken(devDir)) throw error;
    await dropDatabase(admin, databaseName, GRPC_SERVICES);
    rmSync(devDir, { recursive: true, force: true });
    throw new PortTakenError(`port block +${portOffset} was partly taken: ${(error as Error).message}`);
  }
  const api = new ApiClient(platform.gatewayUrl, readFileSync(join(devDir, 'pki', 'web-ca.pem')));
  return {
    ...platform,
    api,
    databaseName,
    portOffset,
    destroy: async () => {
      await api.close();
      await platform.stop();
      await dropDatabase(admin, databaseName, GRPC_SERVICES);
      rmSync(devDir, { recursive: true, force: true });
    },
  };
}
