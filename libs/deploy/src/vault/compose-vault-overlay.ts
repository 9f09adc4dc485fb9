import { stringify } from 'yaml';
import { SERVICES, SERVICE_NAMES } from '@shop/topology';
import { DEPLOY } from '../deploy-settings';
import { GENERATED_HEADER, type GeneratedFile } from '../generated-file';
import { POSTGRES_IMAGE } from '../k8s/base/data-stores';
import { agent } from './agent-service';
import { COMPOSE_BASE } from './compose-base-names';
import { APPROLE, BOOTSTRAP, RUNTIME_USER, VAULT_IMAGE, agentNameOf, agentNetworkOf, approleVolumeOf, hardened, type Service } from './overlay-parts';
import { VAULT } from './vault-material';

export const VAULT_OVERLAY_PATH = 'docker-compose.vault.yml';
const databaseServices = () => SERVICE_NAMES.filter((service) => SERVICES[service].schema);

/** Root for one thing only: a fresh root token and the AppRole folders, handed to the runtime uid. */
function prepare(): Service {
  const folders = [BOOTSTRAP, ...SERVICE_NAMES.map((s) => `${APPROLE}/${s}`)].join(' ');
  return {
    image: VAULT_IMAGE,
    user: '0:0',
    network_mode: 'none',
    entrypoint: ['sh', '-c'],
    command: [
      `set -eu; umask 077; [ -s ${BOOTSTRAP}/root-token ] || od -An -tx1 -N32 /dev/urandom | tr -d ' \\n' > ${BOOTSTRAP}/root-token; ` +
        `chown -R ${RUNTIME_USER} ${folders}; chmod 0700 ${folders}`,
    ],
    volumes: [`vault-bootstrap:${BOOTSTRAP}`, ...SERVICE_NAMES.map((s) => `${approleVolumeOf(s)}:${APPROLE}/${s}`)],
    ...hardened(),
    cap_add: ['CHOWN'],
  };
}

/** The dev server: in memory, unsealed, its root token from the bootstrap volume (never in the environment). */
function server(): Service {
  return {
    image: VAULT_IMAGE,
    user: RUNTIME_USER,
    entrypoint: ['sh', '-c'],
    // $$: compose would substitute a single $ itself.
    command: [`exec vault server -dev -dev-no-store-token -dev-listen-address=0.0.0.0:${VAULT.port} -dev-root-token-id="$$(cat ${BOOTSTRAP}/root-token)"`],
    environment: { HOME: '/tmp', SKIP_SETCAP: 'true' },
    volumes: [`vault-bootstrap:${BOOTSTRAP}:ro`],
    healthcheck: { test: ['CMD', 'vault', 'status', `-address=http://127.0.0.1:${VAULT.port}`], interval: '2s', timeout: '2s', retries: 30 },
    depends_on: { 'vault-prepare': { condition: 'service_completed_successfully' } },
    networks: ['vault-init', 'vault-postgres', ...SERVICE_NAMES.map(agentNetworkOf)],
    ...hardened(),
    mem_limit: '256m',
  };
}

/** Vault's own PostgreSQL login (vault/db-admin.sh), made with the superuser once the roles exist. */
function databaseAdmin(): Service {
  return {
    image: POSTGRES_IMAGE,
    user: RUNTIME_USER,
    entrypoint: ['sh', '/shop/vault/db-admin.sh'],
    environment: {
      HOME: '/tmp',
      PGHOST: COMPOSE_BASE.postgres,
      PGUSER: COMPOSE_BASE.superuser,
      SHOP_DB_SUPERUSER_PASSWORD_FILE: `/run/secrets/superuser/${COMPOSE_BASE.superuserPasswordFile}`,
      SHOP_DB_ADMIN_PASSWORD_FILE: `${BOOTSTRAP}/db-admin-password`,
    },
    volumes: ['./vault:/shop/vault:ro', `vault-bootstrap:${BOOTSTRAP}`, `${COMPOSE_BASE.secretsVolumeOf('postgres')}:/run/secrets/superuser:ro`],
    depends_on: {
      [COMPOSE_BASE.postgres]: { condition: 'service_healthy' },
      [COMPOSE_BASE.databaseInit]: { condition: 'service_completed_successfully' },
      'vault-prepare': { condition: 'service_completed_successfully' },
    },
    networks: ['vault-postgres'],
    ...hardened(),
  };
}

/** vault/configure.sh approle: engines, policies, one AppRole per service, ids into each service's own volume. */
function init(): Service {
  const keySources = ['gateway', 'auth', 'order'];
  return {
    image: VAULT_IMAGE,
    user: RUNTIME_USER,
    entrypoint: ['sh', '/shop/vault/configure.sh', 'approle'],
    environment: {
      HOME: '/tmp',
      VAULT_ADDR: `http://vault:${VAULT.port}`,
      VAULT_TOKEN_FILE: `${BOOTSTRAP}/root-token`,
      SHOP_SECRETS_SOURCE: DEPLOY.secretsMount,
      SHOP_DB_HOST: COMPOSE_BASE.postgres,
      SHOP_DB_ADMIN_USER: 'vault_admin',
      SHOP_DB_ADMIN_PASSWORD_FILE: `${BOOTSTRAP}/db-admin-password`,
      SHOP_APPROLE_OUT: APPROLE,
    },
    volumes: [
      './vault:/shop/vault:ro',
      `vault-bootstrap:${BOOTSTRAP}:ro`,
      // The keys platform-init generated, stored once in KV; Vault serves them from then on.
      ...keySources.map((s) => `${COMPOSE_BASE.secretsVolumeOf(s)}:${DEPLOY.secretsMount}/${s}:ro`),
      ...SERVICE_NAMES.map((s) => `${approleVolumeOf(s)}:${APPROLE}/${s}`),
    ],
    depends_on: {
      vault: { condition: 'service_healthy' },
      'vault-db-admin': { condition: 'service_completed_successfully' },
    },
    networks: ['vault-init'],
    ...hardened(),
  };
}

/** The whole overlay: new services, the base's services waiting for their agents, PostgreSQL open to Vault. */
export function vaultOverlay(): Record<string, unknown> {
  const services: Record<string, Service> = {
    'vault-prepare': prepare(),
    vault: server(),
    'vault-db-admin': databaseAdmin(),
    'vault-init': init(),
  };
  for (const service of SERVICE_NAMES) services[agentNameOf(service)] = agent(service);
  for (const service of SERVICE_NAMES) services[service] = { depends_on: { [agentNameOf(service)]: { condition: 'service_healthy' } } };
  services[COMPOSE_BASE.postgres] = { networks: ['vault-postgres'] };
  const internal = { internal: true };
  const networks: Record<string, unknown> = { 'vault-init': internal, 'vault-postgres': internal };
  for (const service of SERVICE_NAMES) networks[agentNetworkOf(service)] = internal;
  return {
    services,
    networks,
    volumes: Object.fromEntries(['vault-bootstrap', ...SERVICE_NAMES.map(approleVolumeOf)].map((v) => [v, {}])),
  };
}

export function vaultOverlayFile(): GeneratedFile {
  const comment = [
    GENERATED_HEADER,
    '# Vault for the compose stack, opt in: docker-compose -f docker-compose.yml -f docker-compose.vault.yml up',
    '# A dev server (in memory), an init that configures it (vault/db-admin.sh, vault/configure.sh approle),',
    '# and one Vault Agent per service rendering vault/templates/<service> into its secrets volume.',
    `# Services with a database: ${databaseServices().join(', ')} (short-lived logins); see docs/controls/secrets-and-keys.md.`,
  ].join('\n');
  return { path: VAULT_OVERLAY_PATH, render: () => `${comment}\n${stringify(vaultOverlay(), { lineWidth: 0, aliasDuplicateObjects: false })}` };
}
