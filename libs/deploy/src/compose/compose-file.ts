import { stringify } from 'yaml';
import { secretFolders } from '@shop/dev-platform';
import { SERVICES, SERVICE_NAMES, downstreamsOf, type ServiceName } from '@shop/topology';
import { DEPLOY, imageOf } from '../deploy-settings';
import { GENERATED_HEADER, type GeneratedFile } from '../generated-file';
import { POSTGRES, REDIS } from '../k8s/k8s-names';
import { PLATFORM_INIT_APP } from '../k8s/base/database-init';
import { postgres, redis } from './compose-data-stores';
import { databaseInit, platformInit } from './compose-init';
import { DATABASE_INIT, bindHostOf, composeNetworks, ingressAliasOf } from './compose-networks';
import { completed, hardening, healthy, networksBlock, secretsMount, secretsVolumeOf, type Service } from './compose-service-parts';

/** distroless keeps node here and has no shell, so health checks run node itself. */
const NODE = '/nodejs/bin/node';
const HEALTH_SCRIPT = 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))';

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
