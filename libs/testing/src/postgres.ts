import { createServer } from 'node:net';
import { readDevEnvironment } from '@shop/config';
import type { AdminConnection } from '@shop/persistence';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The superuser connection the tests provision with. */
export function testAdminConnection(): AdminConnection {
  const env = readDevEnvironment();
  if (env.database.kind !== 'external') throw new Error('no test PostgreSQL: run through the jest global setup');
  const { host, port, user, password } = env.database;
  return { host, port, user, password };
}

export function testRedisUrl(): string {
  return readDevEnvironment().redisUrl ?? 'redis://127.0.0.1:6379';
}
