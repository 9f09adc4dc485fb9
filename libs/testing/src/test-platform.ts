import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropDatabase } from '@shop/persistence';
import { ApiClient, startPlatform, type RunningPlatform } from '@shop/dev-platform';
import { GRPC_SERVICES, SERVICES, SERVICE_NAMES } from '@shop/topology';
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

let platformsStarted = 0;

/** Every port a platform at this offset listens on. */
function portsOf(offset: number): number[] {
  return SERVICE_NAMES.flatMap((name) => [SERVICES[name].opsPort, SERVICES[name].grpcPort, SERVICES[name].httpsPort])
    .filter((port): port is number => port !== undefined)
    .map((port) => port + offset);
}

/** Listens on each port and closes again, exactly as the services will: false if any is taken. */
async function blockIsFree(offset: number): Promise<boolean> {
  for (const port of portsOf(offset)) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (!free) return false;
  }
  return true;
}

/**
 * Each platform gets its own port block so several can run at once (one per
 * Jest worker, and e.g. a secure and a lab platform side by side). The gRPC
 * ports of the blocks lie inside Linux's ephemeral range (32768-60999), where
 * the kernel also places outgoing connections (to PostgreSQL, Redis...), and
 * it hands those out in runs of neighbouring ports: a block whose ports are
 * taken right now is skipped.
 */
async function nextPortOffset(): Promise<number> {
  const worker = Number(process.env['JEST_WORKER_ID'] ?? 1);
  for (let tries = 0; tries < 20; tries++) {
    const offset = 1000 + (worker - 1) * 400 + (platformsStarted++ % 20) * 20;
    if (await blockIsFree(offset)) return offset;
  }
  throw new Error(`no free port block for Jest worker ${worker}`);
}

/** The EADDRINUSE line a service logged when it could not bind its port, if any. */
function portConflict(devDir: string): string | undefined {
  try {
    for (const file of readdirSync(join(devDir, 'logs'))) {
      const line = readFileSync(join(devDir, 'logs', file), 'utf8')
        .split('\n')
        .find((l) => l.includes('EADDRINUSE'));
      if (line) return `${file}: ${line.slice(0, 300)}`;
    }
  } catch {
    // no logs yet: not a port conflict
  }
  return undefined;
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
