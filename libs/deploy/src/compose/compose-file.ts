import { stringify } from 'yaml';
import { secretFolders } from '@shop/dev-platform';
import { migrationSecretsDirOf } from '@shop/security/secrets';
import { SERVICES, SERVICE_NAMES, downstreamsOf, type ServiceName } from '@shop/topology';
import { DEPLOY, imageOf } from '../deploy-settings';
import { GENERATED_HEADER, type GeneratedFile } from '../generated-file';
import { POSTGRES, REDIS, schemaOwners } from '../k8s/k8s-names';
import { POSTGRES_IMAGE, REDIS_IMAGE } from '../k8s/base/data-stores';
import { PLATFORM_INIT_APP } from '../k8s/base/database-init';
import { DATABASE_INIT, bindHostOf, composeNetworks, ingressAliasOf, ingressNetworksOf, networksOf } from './compose-networks';

type Service = Record<string, unknown>;

/** Where platform-init keeps the CA keys: its own volume, mounted by nothing else. */
const PKI_DIR = '/run/pki';
const ADMIN_PASSWORD_FILE = `${DEPLOY.secretsMount}/${POSTGRES.name}/${POSTGRES.passwordFile}`;
/** distroless keeps node here and has no shell, so health checks run node itself. */
const NODE = '/nodejs/bin/node';
const HEALTH_SCRIPT = 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))';

/** `secrets-order`: one volume per secrets folder, mounted only where that folder is needed. */
export function secretsVolumeOf(folder: string): string {
  return `secrets-${folder}`;
}

function secretsMount(folder: string, readOnly: boolean): string {
  return `${secretsVolumeOf(folder)}:${DEPLOY.secretsMount}/${folder}${readOnly ? ':ro' : ''}`;
}

/** The lines every shop container gets: see the README's "Run with docker compose". */
function hardening(memory: string): Service {
  return {
    user: `${DEPLOY.runtimeUid}:${DEPLOY.runtimeGid}`,
    read_only: true,
    tmpfs: ['/tmp:size=64m'],
    cap_drop: ['ALL'],
    security_opt: ['no-new-privileges:true'],
    mem_limit: memory,
    pids_limit: 128,
  };
}

function networksBlock(container: string): Record<string, unknown> {
  const block: Record<string, unknown> = {};
  for (const network of networksOf(container)) {
    const service = container as ServiceName;
    const aliased = SERVICE_NAMES.includes(service) && bindHostOf(service) !== '0.0.0.0' && ingressNetworksOf(service)[0] === network;
    block[network] = aliased ? { aliases: [ingressAliasOf(service)] } : {};
  }
  return block;
}

function completed(...names: string[]): Record<string, unknown> {
  return Object.fromEntries(names.map((name) => [name, { condition: 'service_completed_successfully' }]));
}

function healthy(...names: string[]): Record<string, unknown> {
  return Object.fromEntries(names.map((name) => [name, { condition: 'service_healthy' }]));
}

function initEnvironment(): Record<string, string> {
  return {
    SHOP_ENV: 'development',
    SECRETS_DIR: DEPLOY.secretsMount,
    SHOP_PKI_DIR: PKI_DIR,
    SHOP_DB_HOST: POSTGRES.name,
    SHOP_DB_PORT: String(POSTGRES.port),
    // A path, not a secret.
    SHOP_DB_ADMIN_PASSWORD_FILE: ADMIN_PASSWORD_FILE,
  };
}

function platformInit(): Service {
  return {
    image: imageOf(PLATFORM_INIT_APP),
    build: { context: '.', args: { APP: PLATFORM_INIT_APP } },
    command: [`dist/apps/${PLATFORM_INIT_APP}/src/main.js`, 'secrets'],
    // Writing keys and certificates needs no network at all.
    network_mode: 'none',
    ...hardening('256m'),
    environment: initEnvironment(),
    volumes: [`pki:${PKI_DIR}`, ...secretFolders().map((folder) => secretsMount(folder, false))],
  };
}

function databaseInit(): Service {
  const owners = schemaOwners();
  return {
    image: imageOf(PLATFORM_INIT_APP),
    command: [`dist/apps/${PLATFORM_INIT_APP}/src/main.js`, 'database'],
    ...hardening('512m'),
    environment: { ...initEnvironment(), SHOP_PKI_DIR: '/tmp/pki' },
    // What migrate and seed read: each schema owner's runtime and owner folders, the superuser password.
    volumes: [...owners.flatMap((s) => [secretsMount(s, true), secretsMount(migrationSecretsDirOf(s), true)]), secretsMount(POSTGRES.name, true)],
    networks: networksBlock(DATABASE_INIT),
    depends_on: { ...completed(PLATFORM_INIT_APP), ...healthy(POSTGRES.name) },
  };
}

function postgres(): Service {
  return {
    image: POSTGRES_IMAGE,
    // The official image's postgres uid; the password file is readable through the runtime gid.
    user: `999:999`,
    group_add: [String(DEPLOY.runtimeGid)],
    read_only: true,
    tmpfs: ['/tmp:size=64m', '/var/run/postgresql:size=1m'],
    cap_drop: ['ALL'],
    security_opt: ['no-new-privileges:true'],
    mem_limit: '512m',
    pids_limit: 256,
    environment: { POSTGRES_PASSWORD_FILE: ADMIN_PASSWORD_FILE, PGDATA: '/var/lib/postgresql/data/pgdata' },
    volumes: ['postgres-data:/var/lib/postgresql/data', secretsMount(POSTGRES.name, true)],
    healthcheck: { test: ['CMD', 'pg_isready', '-h', '127.0.0.1', '-U', 'postgres'], interval: '2s', timeout: '3s', retries: 30 },
    networks: networksBlock(POSTGRES.name),
    depends_on: completed(PLATFORM_INIT_APP),
  };
}

function redis(): Service {
  return {
    image: REDIS_IMAGE,
    user: '999:999',
    read_only: true,
    cap_drop: ['ALL'],
    security_opt: ['no-new-privileges:true'],
    mem_limit: '128m',
    pids_limit: 64,
    // Rate limits and the token denylist only: no persistence.
    command: ['redis-server', '--save', '', '--appendonly', 'no', '--protected-mode', 'no', '--maxmemory', '96mb'],
    volumes: ['redis-data:/data'],
    healthcheck: { test: ['CMD', 'redis-cli', '-h', '127.0.0.1', 'ping'], interval: '2s', timeout: '3s', retries: 30 },
    networks: networksBlock(REDIS.name),
  };
}

function environmentOf(service: ServiceName): Record<string, string> {
  const env: Record<string, string> = {
    SHOP_ENV: 'development',
    TRANSPORT_SECURITY: 'mtls',
    SECRETS_DIR: DEPLOY.secretsMount,
    BIND_HOST: bindHostOf(service),
    SHOP_DOWNSTREAM_HOST: '{service}',
    LOG_LEVEL: 'info',
  };
  if (SERVICES[service].usesRedis) env['REDIS_URL'] = `redis://${REDIS.name}:${REDIS.port}`;
  return env;
}

function shopService(service: ServiceName): Service {
  const spec = SERVICES[service];
  const readyUrl = `http://${bindHostOf(service) === '0.0.0.0' ? '127.0.0.1' : ingressAliasOf(service)}:${spec.opsPort}/readyz`;
  const dependsOn = { ...completed(DATABASE_INIT), ...healthy(...downstreamsOf(service), ...(spec.usesRedis ? [REDIS.name] : [])) };
  return {
    image: imageOf(service),
    build: { context: '.', args: { APP: service } },
    ...hardening('384m'),
    environment: environmentOf(service),
    volumes: [secretsMount(service, true)],
    ...(spec.httpsPort ? { ports: [`127.0.0.1:${spec.httpsPort}:${spec.httpsPort}`] } : {}),
    // Generous on purpose: a loaded 2-core machine starts node slowly, and compose 1.29 gives
    // up on the dependants as soon as one container is reported unhealthy.
    healthcheck: { test: ['CMD', NODE, '-e', HEALTH_SCRIPT, readyUrl], interval: '3s', timeout: '10s', retries: 10, start_period: '180s' },
    // The services drain on SIGTERM (node is PID 1 and handles it); SIGKILL only after this.
    stop_grace_period: '20s',
    networks: networksBlock(service),
    depends_on: dependsOn,
  };
}

/** The compose document, as data: the segmentation checker reads the same object. */
export function composeDocument(): Record<string, unknown> {
  const services: Record<string, Service> = {
    [POSTGRES.name]: postgres(),
    [REDIS.name]: redis(),
    [PLATFORM_INIT_APP]: platformInit(),
    [DATABASE_INIT]: databaseInit(),
  };
  for (const service of SERVICE_NAMES) services[service] = shopService(service);
  const volumes: Record<string, unknown> = { 'postgres-data': {}, 'redis-data': {}, pki: {} };
  for (const folder of secretFolders()) volumes[secretsVolumeOf(folder)] = {};
  const networks = Object.fromEntries(composeNetworks().map((n) => [n.name, n.internal ? { internal: true } : {}]));
  return { services, networks, volumes };
}

/**
 * `docker-compose.yml` at the repository root. No `version:` and no `name:`: compose
 * v1.29 and v2 both read it. YAML 1.1 quoting, so `no` stays a string for PyYAML.
 */
export const COMPOSE_FILE: GeneratedFile = {
  path: 'docker-compose.yml',
  render: () => `${GENERATED_HEADER}\n# Run it: README.md, "Run with docker compose".\n${stringify(composeDocument(), { lineWidth: 0, aliasDuplicateObjects: false, version: '1.1' })}`,
};
