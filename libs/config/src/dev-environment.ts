import { ConfigError, LabSwitches, SHOP_ENVS, type ShopEnv } from './lab-mode';
import type { Environment } from './service-config';

/** Where the platform's PostgreSQL is: an existing server, or none (use the embedded one). */
export type DatabaseServerSetting =
  | { readonly kind: 'external'; readonly host: string; readonly port: number; readonly user: string; readonly password?: string; readonly database?: string }
  | { readonly kind: 'embedded' };

export interface DevEnvironment {
  readonly shopEnv: ShopEnv;
  /** Raw SHOP_LAB_DISABLE, validated; passed on to the services. */
  readonly labDisable: string;
  readonly database: DatabaseServerSetting;
  readonly redisUrl?: string;
  readonly portOffset: number;
  readonly logLevel?: string;
  readonly transportSecurity?: string;
  /** Service settings the launcher passes through unchanged (rate limits, bind address...). */
  readonly serviceEnv: Readonly<Record<string, string>>;
  /** SHOP_DB_ROTATION_SECONDS: rotate short-lived database logins this often; unset = static dev logins. */
  readonly dbRotationSeconds?: number;
}

/** Below 3 s a service could not notice (1 s polling), prove and swap a login before the next one. */
function dbRotationSeconds(raw: string | undefined): number | undefined {
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 3 || seconds > 86_400) throw new ConfigError('SHOP_DB_ROTATION_SECONDS must be an integer 3..86400');
  return seconds;
}

/** Settings a developer may give `npm start` for every service; each service validates them. */
const PASSED_THROUGH = [
  'SHOP_RATE_LIMIT_IP_PER_10S',
  'SHOP_RATE_LIMIT_USER_PER_10S',
  'SHOP_RATE_LIMIT_LOGIN_PER_MIN',
  'SHOP_RATE_LIMIT_REGISTER_PER_MIN',
  'SHOP_MAX_CONCURRENT_CALLS',
  'REDIS_KEY_PREFIX',
  'BIND_HOST',
  'SHOP_DOWNSTREAM_HOST',
];

function databaseSetting(env: Environment): DatabaseServerSetting {
  const url = env['DATABASE_URL'];
  if (url) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConfigError('DATABASE_URL is not a valid URL');
    }
    if (!['postgres:', 'postgresql:'].includes(parsed.protocol)) throw new ConfigError('DATABASE_URL must be a postgres:// URL');
    return {
      kind: 'external',
      host: decodeURIComponent(parsed.hostname) || '127.0.0.1',
      port: Number(parsed.port || 5432),
      user: decodeURIComponent(parsed.username || 'postgres'),
      password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
      database: parsed.pathname.length > 1 ? decodeURIComponent(parsed.pathname.slice(1)) : undefined,
    };
  }
  if (env['PGHOST']) {
    return {
      kind: 'external',
      host: env['PGHOST'],
      port: Number(env['PGPORT'] || 5432),
      user: env['PGUSER'] || 'postgres',
      password: env['PGPASSWORD'] || undefined,
    };
  }
  return { kind: 'embedded' };
}

/**
 * Settings of the dev launcher, the test harness and the benchmark: which
 * PostgreSQL to use and the posture to start the services in.
 */
export function readDevEnvironment(env: Environment = process.env): DevEnvironment {
  const shopEnv = (env['SHOP_ENV'] || 'development') as ShopEnv;
  if (!SHOP_ENVS.includes(shopEnv)) throw new ConfigError(`SHOP_ENV must be one of ${SHOP_ENVS.join(', ')}`);
  const labDisable = env['SHOP_LAB_DISABLE'] ?? '';
  LabSwitches.parse(shopEnv, labDisable); // fail here, before anything starts
  const offset = Number(env['SHOP_PORT_OFFSET'] || 0);
  if (!Number.isInteger(offset) || offset < 0 || offset > 10_000) throw new ConfigError('SHOP_PORT_OFFSET must be an integer 0..10000');
  return {
    shopEnv,
    labDisable,
    database: databaseSetting(env),
    redisUrl: env['REDIS_URL'] || undefined,
    portOffset: offset,
    logLevel: env['LOG_LEVEL'] || undefined,
    transportSecurity: env['TRANSPORT_SECURITY'] || undefined,
    serviceEnv: Object.fromEntries(PASSED_THROUGH.filter((key) => env[key]).map((key) => [key, env[key] as string])),
    dbRotationSeconds: dbRotationSeconds(env['SHOP_DB_ROTATION_SECONDS']),
  };
}

/** What a dev tool passes on to the services it starts: the executable search path and home. */
export function inheritedEnvironment(env: Environment = process.env): { PATH?: string; HOME?: string } {
  return { PATH: env['PATH'], HOME: env['HOME'] };
}
