import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrationSecretsDirOf } from '@shop/security/secrets';
import { SERVICES, SERVICE_NAMES } from '@shop/topology';

/** The folder holding the PostgreSQL superuser's password file (compose and kind mount it on the database). */
export const SUPERUSER_FOLDER = 'postgres';

/**
 * Every folder platform-init writes under SECRETS_DIR: one per service, one
 * `<service>-migrate` per schema owner, and the superuser's.
 */
export function secretFolders(): string[] {
  const migrate = SERVICE_NAMES.filter((service) => SERVICES[service].schema).map((service) => migrationSecretsDirOf(service));
  return [...SERVICE_NAMES, ...migrate, SUPERUSER_FOLDER];
}

/**
 * Creates the empty folders, for the image build: Docker fills a new named
 * volume from the image's folder at its mount point, owner and mode included,
 * so each volume starts owned by the runtime uid and closed to everyone else.
 * The superuser's folder is group-readable: the database reads it through the group.
 */
export function createSecretFolders(secretsRoot: string, pkiDir: string): void {
  for (const folder of secretFolders()) mkdirSync(join(secretsRoot, folder), { recursive: true, mode: folder === SUPERUSER_FOLDER ? 0o750 : 0o700 });
  mkdirSync(pkiDir, { recursive: true, mode: 0o700 });
}
