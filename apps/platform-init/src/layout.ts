import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SUPERUSER_FOLDER, secretFolders } from '@shop/dev-platform';

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
