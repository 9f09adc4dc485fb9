import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'atomic-write-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('writeFileAtomic', () => {
  it('writes with mode 0600 by default, creating missing folders', () => {
    const path = join(dir, 'nested', 'deeper', 'key.pem');
    writeFileAtomic(path, 'secret');
    expect(readFileSync(path, 'utf8')).toBe('secret');
    expect(modeOf(path)).toBe(0o600);
  });

  it('uses the mode it is given, whatever the umask', () => {
    const path = join(dir, 'cert.pem');
    const previous = process.umask(0o077);
    try {
      writeFileAtomic(path, 'public', 0o644);
    } finally {
      process.umask(previous);
    }
    expect(modeOf(path)).toBe(0o644);
  });

  it('replaces the content and tightens the mode of an existing file', () => {
    const path = join(dir, 'rotated.pem');
    writeFileAtomic(path, 'old and longer content', 0o644);
    writeFileAtomic(path, Buffer.from('new'));
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(modeOf(path)).toBe(0o600);
  });

  it('leaves no temp files behind', () => {
    const folder = join(dir, 'clean');
    writeFileAtomic(join(folder, 'a.json'), '{}');
    writeFileAtomic(join(folder, 'a.json'), '{"v":2}');
    expect(readdirSync(folder)).toEqual(['a.json']);
  });
});
