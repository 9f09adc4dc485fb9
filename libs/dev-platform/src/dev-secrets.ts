import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { provisionDatabase, roleNames, type AdminConnection, type ServiceDatabasePlan } from '@shop/persistence';
import { ensureDevPki } from '@shop/security/pki';
import { SECRET_FILES, SecretFiles, migrationSecretsDirOf, readDatabaseCredentials, writeFileAtomic, type DatabaseCredentials } from '@shop/security/secrets';
import { GRPC_SERVICES, SERVICES, SERVICE_NAMES, type ServiceName } from '@shop/topology';
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

/** Where the database logins point: the server the services will reach, and the database. */
export interface DatabaseLoginTarget {
  readonly host: string;
  readonly port: number;
  readonly database: string;
}

/** The services owning a schema: each gets a runtime login and a migration owner login. */
const SCHEMA_OWNERS: readonly ServiceName[] = GRPC_SERVICES.filter((service) => SERVICES[service].schema);

/** The folder holding the PostgreSQL superuser's password file (compose and kind mount it on the database). */
export const SUPERUSER_FOLDER = 'postgres';

/**
 * Every folder the container init tool writes under SECRETS_DIR: one per
 * service, one `<service>-migrate` per schema owner, and the superuser's.
 * The image build creates them empty and docker-compose.yml mounts one volume on each.
 */
export function secretFolders(): string[] {
  return [...SERVICE_NAMES, ...SCHEMA_OWNERS.map((service) => migrationSecretsDirOf(service)), SUPERUSER_FOLDER];
}

function newPassword(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Keeps last run's password when it was for the same server, database and
 * role (after a run with rotation, db.json names a rotated login instead).
 */
function previousPassword(dir: string, name: string, role: string, target: DatabaseLoginTarget): string | undefined {
  if (!existsSync(join(dir, name))) return undefined;
  try {
    const previous: DatabaseCredentials = readDatabaseCredentials(new SecretFiles(dir), name);
    const same = previous.user === role && previous.database === target.database && previous.host === target.host && previous.port === target.port;
    return same ? previous.password : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Everything but the database logins, with no network: the dev PKI (SVIDs,
 * trust bundles, the gateway's HTTPS certificate), auth's access-token
 * signing keys, the gateway's passport signing keys and their public half
 * for every gRPC service. Keeps what exists and renews what is due.
 */
export async function ensureServiceSecrets(options: { pkiDir: string; secretsRoot: string; trustDomain: string }): Promise<void> {
  const root = options.secretsRoot;
  await ensureDevPki({ pkiDir: options.pkiDir, secretsRoot: root, trustDomain: options.trustDomain, services: SERVICE_NAMES });
  await ensureSigningKeys(join(root, 'auth'), SECRET_FILES.accessTokenKeys);
  const passportKeys = await ensureSigningKeys(join(root, 'gateway'), SECRET_FILES.passportSigningKeys);
  for (const service of GRPC_SERVICES) writePublicKeys(join(root, service, SECRET_FILES.passportVerifyKeys), passportKeys);
}

/**
 * Decides every service's database logins without touching the database:
 * runtime credentials in <service>/db.json, the migration owner's in
 * <service>-migrate/db-owner.json. Passwords already written for the same
 * server and role are kept; provisionDatabaseLogins then makes the roles match.
 * Split from provisioning so the container init tool can write secrets with no
 * network at all (scripts/kind-up.sh does).
 */
export function ensureDatabaseLogins(secretsRoot: string, target: DatabaseLoginTarget): void {
  for (const service of SCHEMA_OWNERS) {
    const dir = join(secretsRoot, service);
    const roles = roleNames(target.database, service);
    const common = { host: target.host, port: target.port, database: target.database, schema: SERVICES[service].schema as string };
    const runtime = { ...common, user: roles.runtime, password: previousPassword(dir, SECRET_FILES.runtimeDb, roles.runtime, target) ?? newPassword() };
    const ownerDir = migrationSecretsDirOf(dir);
    const owner = { ...common, user: roles.owner, password: previousPassword(ownerDir, SECRET_FILES.ownerDb, roles.owner, target) ?? newPassword() };
    writeFileAtomic(join(dir, SECRET_FILES.runtimeDb), JSON.stringify(runtime, null, 2), 0o600);
    writeFileAtomic(join(ownerDir, SECRET_FILES.ownerDb), JSON.stringify(owner, null, 2), 0o600);
  }
}

/**
 * Creates (or repairs) the database, the schemas and every service's two
 * roles with exactly the passwords ensureDatabaseLogins wrote.
 */
export async function provisionDatabaseLogins(admin: AdminConnection, database: string, secretsRoot: string): Promise<void> {
  const plans: ServiceDatabasePlan[] = SCHEMA_OWNERS.map((service) => {
    const dir = join(secretsRoot, service);
    return {
      service,
      schema: SERVICES[service].schema as string,
      runtimePassword: readDatabaseCredentials(new SecretFiles(dir), SECRET_FILES.runtimeDb).password,
      ownerPassword: readDatabaseCredentials(new SecretFiles(migrationSecretsDirOf(dir)), SECRET_FILES.ownerDb).password,
    };
  });
  await provisionDatabase(admin, database, plans);
}

/**
 * The PostgreSQL superuser's password, alone in `path` (the official image's
 * POSTGRES_PASSWORD_FILE), created when missing. Group-readable: the database
 * container reads it through the shared group, and nothing else mounts it.
 */
export function ensureSuperuserPassword(path: string): string {
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const password = randomBytes(18).toString('base64url');
  writeFileAtomic(path, `${password}\n`, 0o640);
  return password;
}

/**
 * Writes everything the services read from SECRETS_DIR, one folder per
 * service, creating what is missing and keeping what exists (so a second
 * start keeps identities, keys and data), then provisions the database
 * roles those files name. `npm start` and the test platforms use it.
 */
export async function prepareDevSecrets(options: DevSecretsOptions): Promise<void> {
  const root = secretsRootOf(options.devDir);
  await ensureServiceSecrets({ pkiDir: join(options.devDir, 'pki'), secretsRoot: root, trustDomain: options.trustDomain });
  ensureDatabaseLogins(root, { host: options.admin.host, port: options.admin.port, database: options.database });
  await provisionDatabaseLogins(options.admin, options.database, root);
}
