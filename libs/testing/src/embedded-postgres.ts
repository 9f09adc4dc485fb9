import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { AdminConnection } from '@shop/persistence';

export interface EmbeddedPostgres {
  /** Superuser; the server checks passwords (scram-sha-256) on 127.0.0.1. */
  readonly admin: AdminConnection & { readonly password: string };
  stop(): Promise<void>;
}

/**
 * Starts `embedded-postgres.main.js` (compiled into `distDir`) as a child
 * process and waits for the connection line it prints. Unlike a CI server
 * that trusts loopback, it checks passwords and `VALID UNTIL`: tests of
 * credential rotation need that.
 */
export function startEmbeddedPostgres(distDir: string): Promise<EmbeddedPostgres> {
  const child = spawn(process.execPath, [join(distDir, 'libs/testing/src/embedded-postgres.main.js')], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited with ${code}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (line) => {
      const admin = JSON.parse(line) as EmbeddedPostgres['admin'];
      child.channel?.unref();
      resolve({
        admin,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
