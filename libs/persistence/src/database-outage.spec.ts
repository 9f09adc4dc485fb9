import { Client } from 'pg';
import { QueryFailedError } from 'typeorm';
import { isDatabaseOutage } from './database-outage';

describe('isDatabaseOutage', () => {
  it('recognises a server that is not there (a real connection attempt to a closed port)', async () => {
    const client = new Client({ host: '127.0.0.1', port: 1, user: 'nobody', connectionTimeoutMillis: 2000 });
    const error = await client.connect().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isDatabaseOutage(error)).toBe(true);
  });

  it('recognises an administrator shutdown and a connection exception, also wrapped by TypeORM', () => {
    expect(isDatabaseOutage(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    const wrapped = new QueryFailedError('SELECT 1', [], Object.assign(new Error('connection failure'), { code: '08006' }));
    expect(isDatabaseOutage(wrapped)).toBe(true);
  });

  it('does not excuse errors that are the query’s own fault', () => {
    expect(isDatabaseOutage(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseOutage(Object.assign(new Error('syntax error'), { code: '42601' }))).toBe(false);
    expect(isDatabaseOutage(new Error('boom'))).toBe(false);
  });
});
