import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { inheritedEnvironment, type DatabaseServerSetting } from '@shop/config';
import { DEFAULT_TRUST_DOMAIN, GRPC_SERVICES, SERVICES, SERVICE_NAMES, type ServiceName } from '@shop/topology';
import { EMBEDDED_POSTGRES_PORT, openDatabaseServer, type DatabaseServer } from './database-server';
import { prepareDevSecrets, secretsRootOf } from './dev-secrets';
import { labInternetEnvironment, labInternetLayout } from './lab-internet';
import { runServiceCommand, startService, stopServices, waitUntilReady, type ManagedService, type ProcessOptions } from './service-processes';

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
}

export interface RunningPlatform {
  readonly gatewayUrl: string;
  readonly devDir: string;
  readonly database: DatabaseServer;
  readonly services: readonly ManagedService[];
  readonly options: PlatformOptions;
  opsUrl(service: ServiceName): string;
  /** Stops the services, then the embedded database if we started it. */
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
    await Promise.all(GRPC_SERVICES.map((service) => runServiceCommand(service, 'migrate', processOptions)));
    if (options.seed ?? true) await Promise.all(GRPC_SERVICES.map((service) => runServiceCommand(service, 'seed', processOptions)));

    const services = SERVICE_NAMES.map((service) => startService(service, { ...processOptions, nodeArgs: options.nodeArgs }));
    const opsUrl = (service: ServiceName) => `http://127.0.0.1:${SERVICES[service].opsPort + offset}`;
    const stopAll = () => stopServices(services);
    try {
      await waitUntilReady(
        services.map((service) => ({ service, readyUrl: `${opsUrl(service.service)}/readyz` })),
        options.readyTimeoutMs ?? 60_000,
      );
    } catch (error) {
      await stopAll();
      throw error;
    }
    return {
      gatewayUrl: `https://localhost:${(SERVICES.gateway.httpsPort as number) + offset}`,
      devDir: options.devDir,
      database,
      services,
      options,
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
