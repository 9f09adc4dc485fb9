import { DIST_DIR, buildPlatform, buildWeb } from './build';
import { startEmbeddedPostgres } from './embedded-postgres';

/**
 * Jest globalSetup for projects whose tests need PostgreSQL (and, for e2e,
 * the compiled services): compile, then use PGHOST/DATABASE_URL when set
 * (CI: 127.0.0.1:5432) or start an embedded PostgreSQL for this run.
 * Exported PG* variables reach every Jest worker and every service process.
 */
export default async function globalSetup(): Promise<void> {
  buildPlatform();
  // The gateway serves the storefront from dist/web; the browser tests need it.
  buildWeb();
  if (process.env['PGHOST'] || process.env['DATABASE_URL']) return;
  await useEmbeddedPostgres(DIST_DIR);
}

/** Starts the embedded PostgreSQL, exports its PG* variables and leaves the globalTeardown a way to stop it. */
export async function useEmbeddedPostgres(distDir: string): Promise<void> {
  const server = await startEmbeddedPostgres(distDir);
  process.env['PGHOST'] = server.admin.host;
  process.env['PGPORT'] = String(server.admin.port);
  process.env['PGUSER'] = server.admin.user;
  process.env['PGPASSWORD'] = server.admin.password;
  (globalThis as { __stopTestPostgres__?: () => Promise<void> }).__stopTestPostgres__ = server.stop;
}
