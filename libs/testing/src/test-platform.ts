import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropDatabase } from '@shop/persistence';
import { ApiClient, startPlatform, type RunningPlatform } from '@shop/dev-platform';
import { GRPC_SERVICES } from '@shop/topology';
import { DIST_DIR } from './build';
import { nextPortOffset, portConflict } from './port-blocks';
import { testAdminConnection, testRedisUrl } from './postgres';
import { uniqueDatabaseName } from './test-database';

export interface TestPlatformOptions {
  readonly label: string;
  /** Lab mode with these controls off (comma separated); secure defaults when absent. */
  readonly labDisable?: string;
  /** Extra environment for every service (e.g. rate limits). */
  readonly env?: Record<string, string>;
  readonly useRedis?: boolean;
  /** Rotate the services' database logins this often (SHOP_DB_ROTATION_SECONDS). */
  readonly dbRotationSeconds?: number;
  /**
   * Its own embedded PostgreSQL (in the temp folder) instead of the shared
   * test server, for tests that stop and restart the database.
   */
  readonly embeddedDatabase?: boolean;
}

export interface TestPlatform extends RunningPlatform {
  readonly api: ApiClient;
  readonly databaseName: string;
  readonly portOffset: number;
  /** Stops everything and deletes the database, roles and temp folder. */
  destroy(): Promise<void>;
}

/**
 * Boots the five services the way `npm start` does, against a throw-away
 * database. A port can still be taken between the probe and the bind; then it
 * starts over on another block.
 */
export async function startTestPlatform(options: TestPlatformOptions): Promise<TestPlatform> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startTestPlatformOnce(options);
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt >= 5) throw error;
    }
  }
}

class PortTakenError extends Error {}

/**
 * Whether the gateway answering on our port is someone else's: its
 * certificate does not chain to this platform's dev web CA.
 */
async function anotherPlatformAnswers(api: ApiClient): Promise<string | undefined> {
  try {
    await api.get('/api/v1/products');
    return undefined;
  } catch (error) {
    const code = (error as { code?: string; cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code ?? '';
    return /CERT|VERIFY|SELF_SIGNED|ISSUER/.test(code) ? `the gateway on this port is another platform's (${code})` : undefined;
  }
}

async function startTestPlatformOnce(options: TestPlatformOptions): Promise<TestPlatform> {
  const devDir = mkdtempSync(join(tmpdir(), `shop-${options.label}-`));
  const admin = testAdminConnection();
  const databaseName = uniqueDatabaseName(options.label);
  const portOffset = await nextPortOffset();
  let platform: RunningPlatform;
  try {
    platform = await startPlatform({
      devDir,
      distDir: DIST_DIR,
      database: options.embeddedDatabase ? { kind: 'embedded' } : { kind: 'external', ...admin },
      databaseName,
      shopEnv: options.labDisable ? 'lab' : 'test',
      labDisable: options.labDisable,
      portOffset,
      redisUrl: options.useRedis === false ? undefined : testRedisUrl(),
      logLevel: 'info',
      env: { REDIS_KEY_PREFIX: `test:${randomBytes(4).toString('hex')}:`, ...options.env },
      dbRotationSeconds: options.dbRotationSeconds,
    });
  } catch (error) {
    const conflict = portConflict(devDir);
    if (!conflict) throw error;
    if (!options.embeddedDatabase) await dropDatabase(admin, databaseName, GRPC_SERVICES);
    rmSync(devDir, { recursive: true, force: true });
    throw new PortTakenError(`port block +${portOffset} was partly taken (${conflict}): ${(error as Error).message}`);
  }
  const api = new ApiClient(platform.gatewayUrl, readFileSync(join(devDir, 'pki', 'web-ca.pem')));
  const impostor = await anotherPlatformAnswers(api);
  if (impostor) {
    // Another run (another engineer's, another Jest process) bound this block's
    // ports between our probe and our bind: the /readyz answers we waited for
    // may have been its. Give the block up and start over on another one.
    await api.close();
    await platform.stop();
    if (!options.embeddedDatabase) await dropDatabase(admin, databaseName, GRPC_SERVICES);
    rmSync(devDir, { recursive: true, force: true });
    throw new PortTakenError(`port block +${portOffset}: ${impostor}`);
  }
  return {
    ...platform,
    api,
    databaseName,
    portOffset,
    destroy: async () => {
      await api.close();
      await platform.stop();
      if (!options.embeddedDatabase) await dropDatabase(admin, databaseName, GRPC_SERVICES);
      rmSync(devDir, { recursive: true, force: true });
    },
  };
}
