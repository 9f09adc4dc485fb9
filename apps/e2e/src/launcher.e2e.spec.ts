import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ACCOUNTS, DEMO_PRODUCT_IDS } from '@shop/contracts';
import { ApiClient, STOP_BOUND_MS } from '@shop/dev-platform';
import { dropDatabase } from '@shop/persistence';
import { DIST_DIR, testAdminConnection, uniqueDatabaseName } from '@shop/testing';
import { GRPC_SERVICES } from '@shop/topology';
import { placeOrder } from './support/checkout';
import { runCommand } from './support/run-command';

// Far from the port blocks startTestPlatform hands out.
const PORT_OFFSET = 6000;
const GATEWAY = `https://localhost:${8443 + PORT_OFFSET}`;

/** PIDs whose parent is `pid`, from /proc. */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false; // exited while we looked
      }
    })
    .map(Number);
}

/** Polls `probe` until it is true or `timeoutMs` passed; false on timeout. */
async function eventually(probe: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

/** PIDs whose working directory is `dir`: what a launcher started there would leave behind. */
function processesIn(dir: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return readlinkSync(`/proc/${entry}/cwd`) === dir;
      } catch {
        return false;
      }
    })
    .map(Number);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * `npm start` as a user runs it (the compiled launcher, in its own folder so
 * `.dev/` is private to the test), against the test PostgreSQL.
 */
describe('the dev launcher (npm start)', () => {
  const admin = testAdminConnection();
  const databaseName = uniqueDatabaseName('launcher');
  const workDir = mkdtempSync(join(tmpdir(), 'shop-launcher-'));
  const env = {
    ...process.env,
    DATABASE_URL: `postgres://${encodeURIComponent(admin.user)}${admin.password ? `:${encodeURIComponent(admin.password)}` : ''}@${admin.host}:${admin.port}/${databaseName}`,
    SHOP_PORT_OFFSET: String(PORT_OFFSET),
    SHOP_ENV: 'development',
    SHOP_LAB_DISABLE: '',
  };

  /** Starts the launcher in its own process group, as a terminal would, and waits for the banner. */
  async function start(): Promise<{ launcher: ChildProcess; output: () => string; seconds: number }> {
    const started = performance.now();
    const launcher = spawn(process.execPath, [join(DIST_DIR, 'apps/launcher/src/main.js')], { cwd: workDir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    launcher.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
    launcher.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const deadline = Date.now() + 90_000;
      const timer = setInterval(() => {
        const failure = launcher.exitCode !== null ? `launcher exited ${launcher.exitCode}` : Date.now() > deadline ? 'no banner after 90 s' : undefined;
        if (!text.includes('Hardened Shop is up in') && !failure) return;
        clearInterval(timer);
        if (failure) reject(new Error(`${failure}: ${text}`));
        else resolve();
      }, 100);
    });
    return { launcher, output: () => text, seconds: (performance.now() - started) / 1000 };
  }

  /** Ctrl-C: SIGINT to the whole foreground process group. */
  async function interrupt(launcher: ChildProcess): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)));
    process.kill(-(launcher.pid as number), 'SIGINT');
    return exited;
  }

  const api = () => new ApiClient(GATEWAY, readFileSync(join(workDir, '.dev', 'pki', 'web-ca.pem')));
  let orderId: string;

  afterAll(async () => {
    await dropDatabase(admin, databaseName, GRPC_SERVICES);
    rmSync(workDir, { recursive: true, force: true });
  });

  it('first start: prints the gateway URL and demo users; the shop works; a killed service is restarted; Ctrl-C drains in-flight checkouts and leaves no process behind', async () => {
    const { launcher, output, seconds } = await start();
    expect(output()).toContain(GATEWAY);
    for (const account of DEMO_ACCOUNTS) expect(output()).toContain(account.email);
    const services = childrenOf(launcher.pid as number);
    expect(services).toHaveLength(5);

    const client = api();
    const alice = await client.login(DEMO_ACCOUNTS[0].email, DEMO_ACCOUNTS[0].password);
    const order = await placeOrder(client, alice.accessToken, [{ productId: DEMO_PRODUCT_IDS.mug, quantity: 1 }]);
    expect([order.status, order.body.status]).toEqual([201, 'CONFIRMED']);
    orderId = order.body.id;

    // One dead service stays one dead service: restarted, the others untouched, and the output says so.
    const payment = services.find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('apps/payment/'));
    process.kill(payment as number, 'SIGKILL');
    const recovered = await eventually(async () => {
      const retry = await placeOrder(client, alice.accessToken, [{ productId: DEMO_PRODUCT_IDS.mug, quantity: 1 }]);
      return retry.status === 201;
    }, 60_000);
    expect(recovered).toBe(true);
    expect(output()).toMatch(/payment died \(killed by SIGKILL\); the other services keep running\. Log: .*payment\.log/);
    expect(output()).toContain('restarting payment in');
    expect(services.filter((pid) => pid !== payment).every(alive)).toBe(true);

    // Ctrl-C under load: the checkouts in flight finish, then everything stops within the bound.
    // Ten warm keep-alive connections first, so each checkout is on the wire at once: a fresh
    // connection still between its handshake and its first request counts as idle, and a
    // stopping server may close it (the client then sees ECONNRESET for a request never sent).
    await Promise.all(Array.from({ length: 10 }, () => client.get('/api/v1/products')));
    const inFlight = Array.from({ length: 10 }, () => placeOrder(client, alice.accessToken, [{ productId: DEMO_PRODUCT_IDS.mug, quantity: 1 }]));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const running = childrenOf(launcher.pid as number);
    const stopStarted = performance.now();
    expect(await interrupt(launcher)).toBe(0);
    const stopSeconds = (performance.now() - stopStarted) / 1000;
    expect((await Promise.all(inFlight)).map((r) => r.status)).toEqual(Array.from({ length: 10 }, () => 201));
    await client.close();
    expect(output()).toMatch(/Stopped in \d+\.\d s\./);
    expect(stopSeconds).toBeLessThan(STOP_BOUND_MS / 1000);
    expect([...services, ...running].filter(alive)).toEqual([]);
    process.stdout.write(`launcher first start: ${seconds.toFixed(1)} s to the banner; Ctrl-C with 10 checkouts in flight: all 201, stopped in ${stopSeconds.toFixed(1)} s\n`);
  }, 180_000);

  it('second start keeps the data, and stops cleanly on SIGTERM too', async () => {
    const { launcher, seconds } = await start();
    const client = api();
    const alice = await client.login(DEMO_ACCOUNTS[0].email, DEMO_ACCOUNTS[0].password);
    const again = await client.get<{ id: string; status: string }>(`/api/v1/orders/${orderId}`, { token: alice.accessToken });
    expect([again.status, again.body.status]).toEqual([200, 'CONFIRMED']);
    await client.close();

    const services = childrenOf(launcher.pid as number);
    // Starting again in the same folder: says what runs and how to stop it, starts nothing.
    const twice = await runCommand(process.execPath, [join(DIST_DIR, 'apps/launcher/src/main.js')], { cwd: workDir, env, timeoutMs: 30_000 });
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain(`runs as pid ${launcher.pid}`);
    expect(twice.stderr).toMatch(new RegExp(`${8443 + PORT_OFFSET} +gateway HTTPS +pid \\d+: .*apps/gateway/`));
    expect(twice.stderr).toContain(`kill ${launcher.pid}`);
    expect(twice.stderr).not.toMatch(/TypeError|Cannot read properties/);
    // From another folder: the ports alone name the processes holding them.
    const elsewhere = mkdtempSync(join(tmpdir(), 'shop-launcher-other-'));
    const other = await runCommand(process.execPath, [join(DIST_DIR, 'apps/launcher/src/main.js')], { cwd: elsewhere, env, timeoutMs: 30_000 });
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/ports in use \(\d+ of \d+\)/);
    expect(other.stderr).toMatch(new RegExp(`${50051 + PORT_OFFSET}|gRPC`));
    expect(processesIn(elsewhere)).toEqual([]);
    rmSync(elsewhere, { recursive: true, force: true });
    expect(childrenOf(launcher.pid as number).sort()).toEqual([...services].sort());

    const exited = new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)));
    launcher.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(services.filter(alive)).toEqual([]);
    process.stdout.write(`launcher second start: ${seconds.toFixed(1)} s to the banner\n`);
  }, 120_000);

  it('SHOP_ENV=production: says the launcher is for development, points to Kubernetes and compose, leaves no process behind', async () => {
    const run = await runCommand(process.execPath, [join(DIST_DIR, 'apps/launcher/src/main.js')], { cwd: workDir, env: { ...env, SHOP_ENV: 'production' }, timeoutMs: 30_000 });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('`npm start` is the development launcher');
    expect(run.stderr).toContain('k8s/README.md');
    expect(run.stderr).toContain('compose');
    expect(processesIn(workDir)).toEqual([]);
  });
});
