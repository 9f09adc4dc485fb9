import { secretFolders } from '@shop/dev-platform';
import { migrationSecretsDirOf } from '@shop/security/secrets';
import { POSTGRES, schemaOwners } from '../k8s/k8s-names';
import { PLATFORM_INIT_APP } from '../k8s/base/database-init';
import { DEPLOY, imageOf } from '../deploy-settings';
import { DATABASE_INIT } from './compose-networks';
import { ADMIN_PASSWORD_FILE, completed, hardening, healthy, networksBlock, secretsMount, type Service } from './compose-service-parts';

/** Where platform-init keeps the CA keys: its own volume, mounted by nothing else. */
const PKI_DIR = '/run/pki';

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

export function platformInit(): Service {
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

export function databaseInit(): Service {
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
