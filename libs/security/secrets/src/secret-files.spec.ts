import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretError, SecretFiles } from './secret-files';

let dir: string;
let files: SecretFiles;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'secret-files-'));
  files = new SecretFiles(join(dir, 'order'));
  mkdirSync(files.dir, { recursive: true });
  writeFileSync(join(files.dir, 'good.json'), '{"answer":42}');
  writeFileSync(join(files.dir, 'bad.json'), '{"answer":');
  writeFileSync(join(dir, 'other-service.json'), '{"stolen":true}');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('SecretFiles.readJson', () => {
  it('parses a JSON file in the service folder', () => {
    expect(files.readJson('good.json')).toEqual({ answer: 42 });
  });

  it('throws SecretError for a missing file', () => {
    expect(() => files.readJson('missing.json')).toThrow(SecretError);
  });

  it('throws SecretError for invalid JSON', () => {
    expect(() => files.readJson('bad.json')).toThrow(SecretError);
  });
});

describe('SecretFiles names', () => {
  it('resolves nested names inside the folder', () => {
    expect(files.path('tls/svid.pem')).toBe(join(files.dir, 'tls', 'svid.pem'));
    expect(files.has('good.json')).toBe(true);
  });

  it.each(['../other-service.json', 'tls/../../other-service.json', '/etc/passwd', '..'])('refuses to leave the folder via "%s"', (name) => {
    expect(() => files.path(name)).toThrow(SecretError);
    expect(() => files.readJson(name)).toThrow(SecretError);
  });
});

describe('SecretFiles.looselyPermitted', () => {
  it('flags files readable by group or others', () => {
    writeFileSync(join(files.dir, 'tight.pem'), 'x', { mode: 0o600 });
    writeFileSync(join(files.dir, 'loose.pem'), 'x', { mode: 0o644 });
    expect(files.looselyPermitted('tight.pem')).toBe(false);
    expect(files.looselyPermitted('loose.pem')).toBe(true);
  });
});
