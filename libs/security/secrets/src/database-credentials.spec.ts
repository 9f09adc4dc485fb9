import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write';
import { readDatabaseCredentials } from './database-credentials';
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

  it('refuses a missing file with SecretError', () => {
    expect(() => readDatabaseCredentials(files, 'db-owner.json')).toThrow(SecretError);
  });
});
