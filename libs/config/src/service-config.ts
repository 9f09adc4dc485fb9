import { isAbsolute, join, resolve } from 'node:path';
import {
  DEFAULT_TRUST_DOMAIN,
  SERVICES,
  SERVICE_NAMES,
  isValidTrustDomain,
  type ServiceName,
} from '@shop/topology';
import { FaultDelays } from './fault-injection';
import { ConfigError, LabSwitches, SHOP_ENVS, type ShopEnv } from './lab-mode';
import { readSsrfTestSettings, type SsrfTestSettings } from './ssrf-test-settings';

export type TransportSecurity = 'mtls' | 'mesh' | 'plaintext';

export interface ServiceConfig {
  readonly service: ServiceName;
  readonly env: ShopEnv;
  readonly lab: LabSwitches;
  /** `plaintext` only ever comes from lab mode switching `mtls` off. */
  readonly transport: TransportSecurity;
  readonly trustDomain: string;
  /** This service's own secrets folder: SECRETS_DIR/<service>. */
  readonly secretsDir: string;
  readonly bindHost: string;
  readonly ports: { readonly ops: number; readonly grpc?: number; readonly https?: number };
  /** host:port of every gRPC service, for the clients this service needs. */
  readonly addresses: Readonly<Record<ServiceName, string>>;
  readonly logLevel: string;
  readonly redisUrl?: string;
  /** Prefix of every Redis key this process writes, so several platforms can share one Redis. */
  readonly redisKeyPrefix: string;
  /** Concurrent RPCs (or, at the gateway, HTTP requests) served before new ones are shed. */
  readonly maxConcurrentCalls: number;
  /** Gateway rate limits (OWASP API4). Requests per window. */
  readonly rateLimits: {
    readonly perIpPer10s: number;
    readonly perUserPer10s: number;
    readonly loginPerIpPerMinute: number;
    /** Registrations per IP and minute: each one costs an argon2 hash. */
    readonly registerPerIpPerMinute: number;
  };
  /** Checkout saga timing (order only). */
  readonly saga: {
    /** A PENDING order older than this is finished by recovery: its checkout gave up. */
    readonly deadlineMs: number;
    /** How often recovery looks for such orders (it also runs once at start). */
    readonly recoveryIntervalMs: number;
  };
  /** Test and lab only: real delays injected into RPC handlers (SHOP_FAULT_DELAY). */
  readonly faults: FaultDelays;
  /** Test only (refused in production): the SSRF guard's stand-in names and its one exempt endpoint. */
  readonly ssrfTest?: SsrfTestSettings;
}

export type Environment = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function oneOf<T extends string>(name: string, raw: string | undefined, allowed: readonly T[], fallback: T): T {
  const value = raw === undefined || raw === '' ? fallback : raw;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return value as T;
}

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw)) throw new ConfigError(`${name} must be an integer (got "${raw}")`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max} (got ${value})`);
  return value;
}

function transportOf(env: Environment, lab: LabSwitches): TransportSecurity {
  const requested = oneOf('TRANSPORT_SECURITY', env['TRANSPORT_SECURITY'], ['mtls', 'mesh'] as const, 'mtls');
  if (!lab.isOn('mtls')) {
    if (requested === 'mesh') throw new ConfigError('SHOP_LAB_DISABLE=mtls makes no sense with TRANSPORT_SECURITY=mesh');
    return 'plaintext';
  }
  return requested;
}

/**
 * Where a downstream lives. Locally everything is on 127.0.0.1; in Kubernetes
 * SHOP_DOWNSTREAM_HOST="{service}" turns into the Service DNS name.
 */
function addressesOf(env: Environment, offset: number): Record<ServiceName, string> {
  const pattern = env['SHOP_DOWNSTREAM_HOST'] || '127.0.0.1';
  const entries = SERVICE_NAMES.map((name) => {
    const port = SERVICES[name].grpcPort;
    const host = pattern.replaceAll('{service}', name);
    return [name, port ? `${host}:${port + offset}` : ''] as const;
  });
  return Object.fromEntries(entries) as Record<ServiceName, string>;
}

/**
 * The one place that reads the process environment. Every value is checked
 * here, so a bad setting stops the process at start with a clear message.
 */
export function loadServiceConfig(service: ServiceName, env: Environment): ServiceConfig {
  const shopEnv = oneOf('SHOP_ENV', env['SHOP_ENV'], SHOP_ENVS, 'development');
  const lab = LabSwitches.parse(shopEnv, env['SHOP_LAB_DISABLE']);
  const trustDomain = env['SPIFFE_TRUST_DOMAIN'] || DEFAULT_TRUST_DOMAIN;
  if (!isValidTrustDomain(trustDomain)) throw new ConfigError(`SPIFFE_TRUST_DOMAIN "${trustDomain}" is not a valid trust domain`);

  const secretsRoot = env['SECRETS_DIR'];
  if (!secretsRoot && shopEnv === 'production') throw new ConfigError('SECRETS_DIR is required with SHOP_ENV=production');
  const root = secretsRoot ? resolve(secretsRoot) : resolve('.dev/secrets');
  if (secretsRoot && !isAbsolute(secretsRoot) && shopEnv === 'production') {
    throw new ConfigError('SECRETS_DIR must be an absolute path with SHOP_ENV=production');
  }

  const offset = integer('SHOP_PORT_OFFSET', env['SHOP_PORT_OFFSET'], 0, 0, 10_000);
  const spec = SERVICES[service];
  return {
    service,
    env: shopEnv,
    lab,
    transport: transportOf(env, lab),
    trustDomain,
    secretsDir: join(root, service),
    bindHost: env['BIND_HOST'] || '127.0.0.1',
    ports: {
      ops: spec.opsPort + offset,
      grpc: spec.grpcPort === undefined ? undefined : spec.grpcPort + offset,
      https: spec.httpsPort === undefined ? undefined : spec.httpsPort + offset,
    },
    addresses: addressesOf(env, offset),
    logLevel: oneOf('LOG_LEVEL', env['LOG_LEVEL'], LOG_LEVELS, 'info'),
    redisUrl: env['REDIS_URL'] || undefined,
    redisKeyPrefix: env['REDIS_KEY_PREFIX'] || 'shop:',
    maxConcurrentCalls: integer('SHOP_MAX_CONCURRENT_CALLS', env['SHOP_MAX_CONCURRENT_CALLS'], 256, 1, 100_000),
    rateLimits: {
      perIpPer10s: integer('SHOP_RATE_LIMIT_IP_PER_10S', env['SHOP_RATE_LIMIT_IP_PER_10S'], 200, 1, 10_000_000),
      perUserPer10s: integer('SHOP_RATE_LIMIT_USER_PER_10S', env['SHOP_RATE_LIMIT_USER_PER_10S'], 100, 1, 10_000_000),
      loginPerIpPerMinute: integer('SHOP_RATE_LIMIT_LOGIN_PER_MIN', env['SHOP_RATE_LIMIT_LOGIN_PER_MIN'], 30, 1, 10_000_000),
      registerPerIpPerMinute: integer('SHOP_RATE_LIMIT_REGISTER_PER_MIN', env['SHOP_RATE_LIMIT_REGISTER_PER_MIN'], 20, 1, 10_000_000),
    },
    saga: {
      // Well past the longest live saga (reserve, charge and two compensations, 3 s deadlines each).
      deadlineMs: integer('SHOP_SAGA_DEADLINE_MS', env['SHOP_SAGA_DEADLINE_MS'], 30_000, 13_000, 86_400_000),
      recoveryIntervalMs: integer('SHOP_SAGA_RECOVERY_INTERVAL_MS', env['SHOP_SAGA_RECOVERY_INTERVAL_MS'], 10_000, 200, 3_600_000),
    },
    faults: FaultDelays.parse(shopEnv, env['SHOP_FAULT_DELAY']),
    ssrfTest: readSsrfTestSettings(shopEnv, env),
  };
}

/** Reads this process's environment. Everything else receives a ServiceConfig. */
export function loadServiceConfigFromProcess(service: ServiceName): ServiceConfig {
  return loadServiceConfig(service, process.env);
}
