import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write';
import { leaseExpiresAt, readDatabaseCredentials, sameLogin } from './database-credentials';
import { SecretError, SecretFiles } from './secret-files';

const VALID = { host: '127.0.0.1', port: 5432, database: 'shop', user: 'order_app', password: 'pw', schema: 'orders' };

let files: SecretFiles;

function write(content: unknown): string {
  writeFileAtomic(files.path('db.json'), typeof content === 'string' ? content : JSON.stringify(content));
  return 'db.json';
}

beforeAll(() => {
  files = new SecretFiles(mkdtempSync(join(tmpdir(), 'db-credentials-')));
});

afterAll(() => {
  rmSync(files.dir, { recursive: true, force: true });
});

describe('readDatabaseCredentials', () => {
  it('returns valid credentials', () => {
    expect(readDatabaseCredentials(files, write(VALID))).toEqual(VALID);
  });

  it.each([
    ['a missing password', { ...VALID, password: undefined }],
    ['an empty user', { ...VALID, user: '' }],
    ['a numeric host', { ...VALID, host: 5432 }],
    ['a missing schema', { ...VALID, schema: undefined }],
    ['a port given as a string', { ...VALID, port: '5432' }],
    ['a fractional port', { ...VALID, port: 5432.5 }],
    ['port 0', { ...VALID, port: 0 }],
    ['a negative port', { ...VALID, port: -1 }],
    ['a schema that is not a plain identifier', { ...VALID, schema: 'orders,public' }],
    ['a lease without a duration', { ...VALID, lease: { issuedAt: '2026-12-03T10:00:00Z' } }],
    ['a lease with a zero duration', { ...VALID, lease: { issuedAt: '2026-12-03T10:00:00Z', durationSeconds: 0 } }],
    ['a lease whose issuedAt is not RFC 3339', { ...VALID, lease: { issuedAt: 'yesterday', durationSeconds: 60 } }],
    ['a lease whose issuedAt is not a real date', { ...VALID, lease: { issuedAt: '2026-13-45T10:00:00Z', durationSeconds: 60 } }],
    ['a null lease', { ...VALID, lease: null }],
  ])('refuses %s with SecretError', (_case, content) => {
    expect(() => readDatabaseCredentials(files, write(content))).toThrow(SecretError);
  });

  it.each([
    ['JSON null', 'null'],
    ['a JSON array', '[]'],
    ['a JSON string', '"postgres://u:p@h/db"'],
  ])('refuses %s with SecretError', (_case, content) => {
    expect(() => readDatabaseCredentials(files, write(content))).toThrow(SecretError);
  });

  it('reads an optional lease and computes when it ends', () => {
    const leased = { ...VALID, lease: { issuedAt: '2026-12-03T10:00:00Z', durationSeconds: 90 } };
    const read = readDatabaseCredentials(files, write(leased));
    expect(read).toEqual(leased);
    expect(leaseExpiresAt(read)?.toISOString()).toBe('2026-12-03T10:01:30.000Z');
    expect(leaseExpiresAt(VALID)).toBeUndefined();
  });

  it('treats a renewed lease on the same user and password as the same login', () => {
    const renewed = { ...VALID, lease: { issuedAt: '2026-12-03T11:00:00Z', durationSeconds: 90 } };
    expect(sameLogin(VALID, renewed)).toBe(true);
    expect(sameLogin(VALID, { ...VALID, password: 'other' })).toBe(false);
    expect(sameLogin(VALID, { ...VALID, user: 'order_app_v2' })).toBe(false);
  });

  it('refuses a missing file with SecretError', () => {
    expect(() => readDatabaseCredentials(files, 'db-owner.json')).toThrow(SecretError);
  });
});
