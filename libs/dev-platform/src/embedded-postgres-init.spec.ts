import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedPostgresBinaries, traversableByOthers } from './embedded-postgres-init';

describe('embedded PostgreSQL binaries for a server running as another user', () => {
  const root = mkdtempSync(join(tmpdir(), 'pg-bin-')); // 0700, like /root
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('sees when a folder on the way is private', () => {
    const inside = join(root, 'a');
    mkdirSync(inside, { mode: 0o711 });
    chmodSync(inside, 0o711);
    expect(traversableByOthers(inside)).toBe(false);
    chmodSync(root, 0o711);
    expect(traversableByOthers(inside)).toBe(true);
    chmodSync(root, 0o700);
  });

  it('resolves the shipped binaries without importing the ESM package', () => {
    const { initdb, postgres } = embeddedPostgresBinaries();
    expect(initdb).toMatch(/native\/bin\/initdb$/);
    expect(postgres).toMatch(/native\/bin\/postgres$/);
  });
});
