import { SERVICE_NAMES } from '@shop/topology';

/**
 * What the Vault overlay assumes about the plain compose stack
 * (docker-compose.yml, the container issue): its service names and the
 * named volume each service's secrets live in. The overlay's validation test
 * fails when the base stops providing one of them; change them here only.
 */
export const COMPOSE_BASE = {
  /** The one-shot that writes the secrets (keys, certificates, the superuser's password). */
  secretsInit: 'platform-init',
  /** The one-shot that creates the database, its roles and schemas, and migrates: Vault's login needs the roles. */
  databaseInit: 'database-init',
  postgres: 'postgres',
  /** PostgreSQL's superuser: its name, and its password file inside the `postgres` secrets folder. */
  superuser: 'postgres',
  superuserPasswordFile: 'password',
  services: SERVICE_NAMES,
  /** `secrets-order`: SECRETS_DIR/order/ of the order container, owned by the runtime uid. */
  secretsVolumeOf: (folder: string) => `secrets-${folder}`,
} as const;
