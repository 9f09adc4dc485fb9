import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DIST_DIR, buildPlatform } from './build';

/** Starts embedded-postgres.main.js and waits for the connection line it prints. */
function startEmbeddedPostgres(distDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(distDir, 'libs/testing/src/embedded-postgres.main.js')], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited with ${code}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (line) => {
      const admin = JSON.parse(line) as { host: string; port: number; user: string; password: string };
      process.env['PGHOST'] = admin.host;
      process.env['PGPORT'] = String(admin.port);
      process.env['PGUSER'] = admin.user;
      process.env['PGPASSWORD'] = admin.password;
      child.channel?.unref();
      resolve(child);
    });
  });
}

/**
 * Jest globalSetup for projects whose tests need PostgreSQL (and, for e2e,
 * the compiled services): compile, then use PGHOST/DATABASE_URL when set
 * (CI: 127.0.0.1:5432) or start an embedded PostgreSQL for this run.
 * Exported PG* variables reach every Jest worker and every service process.
 */
export default async function globalSetup(): Promise<void> {
  buildPlatform();
  if (process.env['PGHOST'] || process.env['DATABASE_URL']) return;
  await useEmbeddedPostgres(DIST_DIR);
}

/** Starts the embedded PostgreSQL and leaves the globalTeardown a way to stop it. */
export async function useEmbeddedPostgres(distDir: string): Promise<void> {
  const child = await startEmbeddedPostgres(distDir);
  (globalThis as { __stopTestPostgres__?: () => Promise<void> }).__stopTestPostgres__ = () =>
    new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}
