import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, readInitSettingsFromProcess, type InitSettings } from '@shop/config';
import { ensureDatabaseLogins, ensureServiceSecrets, ensureSuperuserPassword, migrateAndSeed, provisionDatabaseLogins } from '@shop/dev-platform';
import { DEV_PKI_FILES } from '@shop/security/pki';
import { createSecretFolders } from './layout';

function say(line: string): void {
  process.stderr.write(`platform-init: ${line}\n`);
}

/** No network: PKI, SVIDs, signing keys, database logins and the superuser password, as files. */
async function writeSecrets(settings: InitSettings): Promise<void> {
  await ensureServiceSecrets({ pkiDir: settings.pkiDir, secretsRoot: settings.secretsRoot, trustDomain: settings.trustDomain });
  ensureSuperuserPassword(settings.adminPasswordFile);
  ensureDatabaseLogins(settings.secretsRoot, settings.db);
  say(`secrets written under ${settings.secretsRoot} (one folder per service)`);
}

/** Database, schemas and roles with the passwords `secrets` wrote; then each service migrates and seeds. */
async function prepareDatabase(settings: InitSettings): Promise<void> {
  const password = readFileSync(settings.adminPasswordFile, 'utf8').trim();
  const admin = { host: settings.db.host, port: settings.db.port, user: settings.db.adminUser, password };
  await provisionDatabaseLogins(admin, settings.db.database, settings.secretsRoot);
  say(`database ${settings.db.database} on ${settings.db.host}:${settings.db.port}: schemas and roles ready`);
  // The children start like the services (same dist/, same SECRETS_DIR), so they
  // read their own folders and nothing is passed through the environment but paths.
  const env = { NODE_ENV: 'production', SHOP_ENV: 'development', SECRETS_DIR: settings.secretsRoot, LOG_LEVEL: settings.logLevel, SPIFFE_TRUST_DOMAIN: settings.trustDomain };
  await migrateAndSeed({ distDir: resolve(__dirname, '../../..'), env, logDir: join('/tmp', 'platform-init-logs') }, true);
  say('migrations and demo seed done');
}

async function main(): Promise<void> {
  const [command, secretsRoot, pkiDir] = process.argv.slice(2);
  // Build time only (the Dockerfile): empty volume mount points owned by the runtime uid.
  if (command === 'layout' && secretsRoot && pkiDir) return createSecretFolders(secretsRoot, pkiDir);
  const settings = readInitSettingsFromProcess();
  switch (settings.command) {
    case 'secrets':
      return writeSecrets(settings);
    case 'database':
      return prepareDatabase(settings);
    case 'all':
      await writeSecrets(settings);
      return prepareDatabase(settings);
    case 'web-ca':
      // The public certificate curl must trust; the key never leaves SHOP_PKI_DIR.
      process.stdout.write(readFileSync(join(settings.pkiDir, DEV_PKI_FILES.webCa), 'utf8'));
      return;
  }
}

main().catch((error: Error) => {
  say(`${error instanceof ConfigError ? 'configuration error' : 'failed'}: ${error.message}`);
  process.exit(1);
});
