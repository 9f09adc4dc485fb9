import type { DatabaseCredentials } from '@shop/security/secrets';
import { Rejection, checkReplacement } from './credential-rejection';

const NOW = Date.parse('2026-12-03T12:00:00Z');
const active: DatabaseCredentials = { host: '127.0.0.1', port: 5432, database: 'shop', user: 'order_v1', password: 'p1', schema: 'orders' };
const leased = (issuedAt: string, durationSeconds: number): DatabaseCredentials => ({ ...active, user: 'order_v2', password: 'p2', lease: { issuedAt, durationSeconds } });
const reasonOf = (next: DatabaseCredentials) => {
  try {
    checkReplacement(next, active, NOW);
    return 'accepted';
  } catch (error) {
    return (error as Rejection).reason;
  }
};

describe('what a running service may switch its database login to', () => {
  it('accepts a new login to the same database and schema with a lease still running', () => {
    expect(reasonOf(leased('2026-12-03T11:59:00Z', 3600))).toBe('accepted');
    expect(reasonOf({ ...active, user: 'order_v3' })).toBe('accepted');
  });

  it('refuses another database or schema: entities are bound to them at start', () => {
    expect(reasonOf({ ...active, database: 'other' })).toBe('wrong_database');
    expect(reasonOf({ ...active, schema: 'payments' })).toBe('wrong_database');
  });

  it('refuses a login whose lease has already ended', () => {
    expect(reasonOf(leased('2026-12-03T10:00:00Z', 3600))).toBe('lease_expired');
  });

  it('retries transient failures only: a bad file waits for the next one', () => {
    expect(new Rejection('login_failed', '').retried).toBe(true);
    expect(new Rejection('unreachable', '').retried).toBe(true);
    expect(new Rejection('wrong_database', '').retried).toBe(false);
    expect(new Rejection('invalid_file', '').retried).toBe(false);
  });
});
