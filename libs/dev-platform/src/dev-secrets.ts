import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { provisionDatabase, roleNames, type AdminConnection, type ServiceDatabasePlan } from '@shop/persistence';
import { ensureDevPki } from '@shop/security/pki';
import { SECRET_FILES, SecretFiles, migrationSecretsDirOf, readDatabaseCredentials, writeFileAtomic, type DatabaseCredentials } from '@shop/security/secrets';
import { GRPC_SERVICES, SERVICES, SERVICE_NAMES } from '@shop/topology';
import { ensureSigningKeys, writePublicKeys } from './dev-keys';

export interface DevSecretsOptions {
  /** `.dev` locally, a temp folder in tests. */
  readonly devDir: string;
  readonly trustDomain: string;
  readonly admin: AdminConnection;
  readonly database: string;
}

export function secretsRootOf(devDir: string): string {
  return join(devDir, 'secrets');
}

/**
 * Keeps last run's password when it was for the same server, database and
 * role (after a run with rotation, db.json names a rotated login instead).
 */
function previousPassword(dir: string, name: string, role: string, database: string, admin: AdminConnection): string | undefined {
  if (!existsSync(join(dir, name))) return undefined;
  try {
    const previous: DatabaseCredentials = readDatabaseCredentials(new SecretFiles(dir), name);
    const same = previous.user === role && previous.database === database && previous.host === admin.host && previous.port === admin.port;
    return same ? previous.password : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes everything the services read from SECRETS_DIR, one folder per
 * service, creating what is missing and keeping what exists (so a second
 * start keeps identities, keys and data):
 *  - the dev PKI (SVIDs, trust bundles, the gateway's HTTPS certificate);
 *  - auth's access-token signing keys;
 *  - the gateway's passport signing keys, and their public half for every
 *    gRPC service;
 *  - per service database roles: runtime credentials in <service>/, the
 *    migration owner's in <service>-migrate/.
 */
export async function prepareDevSecrets(options: DevSecretsOptions): Promise<void> {
  const root = secretsRootOf(options.devDir);
  await ensureDevPki({ pkiDir: join(options.devDir, 'pki'), secretsRoot: root, trustDomain: options.trustDomain, services: SERVICE_NAMES });
  await ensureSigningKeys(join(root, 'auth'), SECRET_FILES.accessTokenKeys);
  const passportKeys = await ensureSigningKeys(join(root, 'gateway'), SECRET_FILES.passportSigningKeys);
  for (const service of GRPC_SERVICES) writePublicKeys(join(root, service, SECRET_FILES.passportVerifyKeys), passportKeys);

  const plans: ServiceDatabasePlan[] = GRPC_SERVICES.map((service) => {
    const dir = join(root, service);
    const roles = roleNames(options.database, service);
    return {
      service,
      schema: SERVICES[service].schema as string,
      runtimePassword: previousPassword(dir, SECRET_FILES.runtimeDb, roles.runtime, options.database, options.admin),
      ownerPassword: previousPassword(migrationSecretsDirOf(dir), SECRET_FILES.ownerDb, roles.owner, options.database, options.admin),
    };
  });
  const provisioned = await provisionDatabase(options.admin, options.database, plans);
  for (const [service, credentials] of provisioned) {
    writeFileAtomic(join(root, service, SECRET_FILES.runtimeDb), JSON.stringify(credentials.runtime, null, 2), 0o600);
    writeFileAtomic(join(migrationSecretsDirOf(join(root, service)), SECRET_FILES.ownerDb), JSON.stringify(credentials.owner, null, 2), 0o600);
  }
}
