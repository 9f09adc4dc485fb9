import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { inheritedEnvironment, type DatabaseServerSetting } from '@shop/config';
import { DEFAULT_TRUST_DOMAIN, GRPC_SERVICES, SERVICES, SERVICE_NAMES, type ServiceName } from '@shop/topology';
import { EMBEDDED_POSTGRES_PORT, openDatabaseServer, type DatabaseServer } from './database-server';
import { DbCredentialRotation } from './db-rotation';
import { prepareDevSecrets, secretsRootOf } from './dev-secrets';
import { labInternetEnvironment, labInternetLayout } from './lab-internet';
import { runServiceCommand, startService, stopServices, waitUntilReady, type ManagedService, type ProcessOptions } from './service-processes';
import { stopInOrder } from './stop-order';
import type { SupervisorListener } from './supervisor';

export interface PlatformOptions {
  /** Holds secrets, PKI, embedded database and logs: `.dev` locally. */
  readonly devDir: string;
  /** Compiled output root (`dist`). */
  readonly distDir: string;
  readonly database: DatabaseServerSetting;
  /** Database name; also the prefix of the per-service roles. */
  readonly databaseName: string;
  readonly shopEnv?: string;
  readonly labDisable?: string;
  readonly portOffset?: number;
  readonly redisUrl?: string;
  readonly logLevel?: string;
  readonly transportSecurity?: string;
  /** Seed demo users and products (refused by the services in production). */
  readonly seed?: boolean;
  readonly readyTimeoutMs?: number;
  /** Extra environment for every service process. */
  readonly env?: Readonly<Record<string, string>>;
  /** Extra Node flags for the service processes (not for migrate/seed), e.g. ['--cpu-prof']. */
  readonly nodeArgs?: readonly string[];
  /** SHOP_DB_ROTATION_SECONDS: short-lived database logins, rotated like Vault's database engine (db-rotation.ts). */
  readonly dbRotationSeconds?: number;
  /**
   * Once everything is ready, a service (or the embedded database) that dies
   * on its own is restarted with backoff while the rest keep running, and
   * reported here. Without a listener, restarts still happen, silently.
   */
  readonly onSupervisorEvent?: SupervisorListener;
}

export interface RunningPlatform {
  readonly gatewayUrl: string;
  readonly devDir: string;
  readonly database: DatabaseServer;
  readonly services: readonly ManagedService[];
  readonly options: PlatformOptions;
  /** Present with `dbRotationSeconds`. */
  readonly rotation?: DbCredentialRotation;
  opsUrl(service: ServiceName): string;
  /** Stops the services in dependency order (gateway first, each draining), then the embedded database. */
  stop(): Promise<void>;
  /** Stops only the services (the database stays up), e.g. to restart with another posture. */
  stopServices(): Promise<void>;
}

function serviceEnvironment(options: PlatformOptions): NodeJS.ProcessEnv {
  const shopEnv = options.shopEnv ?? 'development';
  // The SSRF lab's stand-in names and exempt endpoint: test material, never in production.
  const labInternet = shopEnv === 'production' ? {} : labInternetEnvironment(labInternetLayout(options.portOffset ?? 0));
  const env: NodeJS.ProcessEnv = {
    ...labInternet,
    ...inheritedEnvironment(),
    NODE_ENV: 'production',
    SHOP_ENV: shopEnv,
    SECRETS_DIR: secretsRootOf(options.devDir),
    SHOP_PORT_OFFSET: String(options.portOffset ?? 0),
    SPIFFE_TRUST_DOMAIN: DEFAULT_TRUST_DOMAIN,
    LOG_LEVEL: options.logLevel ?? 'info',
    ...options.env,
  };
  if (options.labDisable) env['SHOP_LAB_DISABLE'] = options.labDisable;
  if (options.redisUrl) env['REDIS_URL'] = options.redisUrl;
  if (options.transportSecurity) env['TRANSPORT_SECURITY'] = options.transportSecurity;
  return env;
}

function startRotation(options: PlatformOptions, database: DatabaseServer): Promise<DbCredentialRotation> {
  return DbCredentialRotation.start({
    admin: database.admin,
    database: options.databaseName,
    secretsRoot: secretsRootOf(options.devDir),
    services: GRPC_SERVICES.filter((service) => SERVICES[service].schema),
    periodSeconds: options.dbRotationSeconds as number,
    onError: (error) => process.stderr.write(`database credential rotation failed (the services keep their current logins): ${error.message}\n`),
  });
}

/**
 * Every gRPC service's `migrate` (as its schema's owner role), then, unless
 * told not to, its `seed` of demo data. The launcher and the container init
 * tool (apps/platform-init) both run this.
 */
export async function migrateAndSeed(processOptions: ProcessOptions, seed: boolean): Promise<void> {
  await Promise.all(GRPC_SERVICES.map((service) => runServiceCommand(service, 'migrate', processOptions)));
  if (seed) await Promise.all(GRPC_SERVICES.map((service) => runServiceCommand(service, 'seed', processOptions)));
}

/**
 * Brings the whole platform up the way `npm start` does: database (embedded
 * or external), dev secrets and PKI, migrations as the owner roles, demo
 * seed, then the five services, returning once every /readyz is green.
 */
export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const offset = options.portOffset ?? 0;
  // Traversable but not listable: an embedded PostgreSQL runs as another user
  // and must reach its folder inside; every secret below is 0700/0600 anyway.
  mkdirSync(options.devDir, { recursive: true, mode: 0o711 });
  chmodSync(options.devDir, 0o711);
  const database = await openDatabaseServer(options.database, join(options.devDir, 'postgres'), EMBEDDED_POSTGRES_PORT + offset);
  try {
    await prepareDevSecrets({ devDir: options.devDir, trustDomain: DEFAULT_TRUST_DOMAIN, admin: database.admin, database: options.databaseName });
    const processOptions: ProcessOptions = { distDir: options.distDir, env: serviceEnvironment(options), logDir: join(options.devDir, 'logs') };
    await migrateAndSeed(processOptions, options.seed ?? true);
    const rotation = options.dbRotationSeconds ? await startRotation(options, database) : undefined;

    const services = SERVICE_NAMES.map((service) => startService(service, { ...processOptions, nodeArgs: options.nodeArgs }));
    const opsUrl = (service: ServiceName) => `http://127.0.0.1:${SERVICES[service].opsPort + offset}`;
    const stopAll = async () => {
      await rotation?.stop();
      await stopInOrder(services);
    };
    try {
      await waitUntilReady(
        services.map((service) => ({ service, readyUrl: `${opsUrl(service.service)}/readyz` })),
        options.readyTimeoutMs ?? 60_000,
      );
    } catch (error) {
      await rotation?.stop();
      await stopServices(services);
      throw error;
    }
    const listener = options.onSupervisorEvent ?? (() => undefined);
    for (const service of services) service.supervise(listener);
    database.supervise(listener);
    return {
      gatewayUrl: `https://localhost:${(SERVICES.gateway.httpsPort as number) + offset}`,
      devDir: options.devDir,
      database,
      services,
      options,
      rotation,
      opsUrl,
      stopServices: stopAll,
      stop: async () => {
        await stopAll();
        await database.stop();
      },
    };
  } catch (error) {
    await database.stop();
    throw error;
  }
}
