import type { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { DatabaseServerSetting } from '@shop/config';
import type { AdminConnection } from '@shop/persistence';
import { writeFileAtomic } from '@shop/security/secrets';
import { embeddedPostgresBinaries, initialiseDataDir, serverHome } from './embedded-postgres-init';
import { PostgresProcess } from './embedded-postgres-process';
import { Supervisor, type SupervisorListener } from './supervisor';

export interface DatabaseServer {
  readonly admin: AdminConnection;
  readonly embedded: boolean;
  /** The embedded server process, while one runs (undefined for an external server). */
  readonly process?: ChildProcess;
  /** Stops the embedded server on purpose (never restarted by supervision); a no-op for an external one. */
  stop(): Promise<void>;
  /** Starts it again after stop() and supervises it again if it was. */
  start(): Promise<void>;
  /** Restart the embedded server with backoff whenever it dies on its own. */
  supervise(listener: SupervisorListener): void;
}

export const EMBEDDED_POSTGRES_PORT = 54329;

/**
 * The PostgreSQL the platform uses: the server named by DATABASE_URL/PGHOST,
 * or an embedded one whose data lives in `dir` and survives restarts.
 */
export async function openDatabaseServer(setting: DatabaseServerSetting, dir: string, port = EMBEDDED_POSTGRES_PORT): Promise<DatabaseServer> {
  if (setting.kind === 'external') {
    const { host, port: serverPort, user, password } = setting;
    const nothing = async () => undefined;
    return { admin: { host, port: serverPort, user, password }, embedded: false, stop: nothing, start: nothing, supervise: () => undefined };
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
  // Usually `dir`; as root inside a private folder, a place the server can reach.
  const home = serverHome(dir);
  const dataDir = join(home, 'data');
  const firstRun = !existsSync(join(dataDir, 'PG_VERSION'));
  let password: string;
  if (firstRun) {
    password = randomBytes(18).toString('base64url');
    writeFileAtomic(credentialsFile, JSON.stringify({ user: 'postgres', password }), 0o600);
  } else {
    password = (JSON.parse(readFileSync(credentialsFile, 'utf8')) as { password: string }).password;
  }
  // We run initdb and the server ourselves (see PostgresProcess); the
  // embedded-postgres packages only ship the binaries.
  const binaries = embeddedPostgresBinaries(home);
  if (firstRun) initialiseDataDir(dataDir, 'postgres', password, asRoot, binaries.initdb);
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'];
  const server = new PostgresProcess({ binary: binaries.postgres, dataDir, port, flags, asRoot });
  await server.start();
  let supervisor: Supervisor | undefined;
  return {
    admin: { host: '127.0.0.1', port, user: 'postgres', password },
    embedded: true,
    get process() {
      return server.child;
    },
    stop: async () => {
      supervisor?.stop();
      await server.stop();
    },
    start: async () => {
      const child = await server.start();
      supervisor?.resume(child);
    },
    supervise: (listener) => {
      supervisor ??= new Supervisor('postgres', () => server.start(), listener);
      if (server.child) supervisor.watch(server.child);
    },
  };
}
