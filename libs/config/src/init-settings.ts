import { isAbsolute } from 'node:path';
import { ConfigError } from './lab-mode';
import type { Environment } from './service-config';
import { DEFAULT_TRUST_DOMAIN } from '@shop/topology';

/** Settings of apps/platform-init, the container init tool (compose, kind). */
export const COMMANDS = ['secrets', 'database', 'all', 'web-ca'] as const;
export type Command = (typeof COMMANDS)[number];

export interface InitSettings {
  readonly command: Command;
  /** SECRETS_DIR: one folder per service, the layout the services read. */
  readonly secretsRoot: string;
  /** SHOP_PKI_DIR: the CA keys. Only this tool ever mounts it. */
  readonly pkiDir: string;
  readonly trustDomain: string;
  /** Where the services will reach PostgreSQL (written into their db.json). */
  readonly db: { readonly host: string; readonly port: number; readonly database: string; readonly adminUser: string };
  /** SHOP_DB_ADMIN_PASSWORD_FILE: `secrets` creates it, `database` logs in with it. */
  readonly adminPasswordFile: string;
  readonly logLevel: string;
}

function absolutePath(env: Environment, name: string): string {
  const value = env[name];
  if (!value || !isAbsolute(value)) throw new ConfigError(`${name} must be an absolute path (got "${value ?? ''}")`);
  return value;
}

/**
 * Reads and checks every setting before anything is written. Dev material
 * only: SHOP_ENV=production is refused, like the services refuse dev keys.
 */
export function readInitSettings(argv: readonly string[], env: Environment): InitSettings {
  const command = argv[0] ?? 'all';
  if (!(COMMANDS as readonly string[]).includes(command)) throw new ConfigError(`usage: platform-init <${COMMANDS.join('|')}> (got "${command}")`);
  if (env['SHOP_ENV'] === 'production') throw new ConfigError('platform-init writes dev material; it refuses SHOP_ENV=production (use Vault, see vault/)');
  const port = Number(env['SHOP_DB_PORT'] || 5432);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new ConfigError(`SHOP_DB_PORT must be a TCP port (got "${env['SHOP_DB_PORT']}")`);
  return {
    command: command as Command,
    secretsRoot: absolutePath(env, 'SECRETS_DIR'),
    pkiDir: absolutePath(env, 'SHOP_PKI_DIR'),
    trustDomain: env['SPIFFE_TRUST_DOMAIN'] || DEFAULT_TRUST_DOMAIN,
    db: {
      host: env['SHOP_DB_HOST'] || 'postgres',
      port,
      database: env['SHOP_DB_NAME'] || 'shop',
      adminUser: env['SHOP_DB_ADMIN_USER'] || 'postgres',
    },
    adminPasswordFile: absolutePath(env, 'SHOP_DB_ADMIN_PASSWORD_FILE'),
    logLevel: env['LOG_LEVEL'] || 'info',
  };
}

/** Reads this process's arguments and environment. */
export function readInitSettingsFromProcess(): InitSettings {
  return readInitSettings(process.argv.slice(2), process.env);
}

/** apps/compose-check: which live check to run, against which compose project. */
export function readComposeCheckSettings(): { check: 'segmentation' | 'containers'; project: string } {
  const check = process.argv[2];
  if (check !== 'segmentation' && check !== 'containers') throw new ConfigError('usage: compose-check <segmentation|containers>');
  return { check, project: process.env['COMPOSE_PROJECT_NAME'] || 'hardened-shop' };
}
