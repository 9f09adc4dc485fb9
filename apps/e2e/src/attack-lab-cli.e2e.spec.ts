import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ATTACKS } from '@shop/attack-lab';
import { DIST_DIR, startTestPlatform, type TestPlatform } from '@shop/testing';
import { runCommand } from './support/run-command';

const CLI = join(DIST_DIR, 'apps/attack-lab/src/main.js');

/** The verdict column of each scorecard row, by attack id. */
function verdicts(stdout: string): Map<string, string> {
  const rows = stdout.split('\n').map((line) => /^(BLOCKED|GOT THROUGH|COULD NOT RUN)\s+(\S+)/.exec(line));
  return new Map(rows.filter((m): m is RegExpExecArray => m !== null).map((m) => [m[2], m[1]]));
}

/**
 * `npm run attack` as a user types it (the compiled CLI, run from a folder
 * whose .dev is the platform's), against a real platform.
 */
describe('npm run attack (the attack lab CLI)', () => {
  const platforms: TestPlatform[] = [];
  const folders: string[] = [];

  async function platformFolder(labDisable?: string): Promise<{ platform: TestPlatform; cwd: string; env: NodeJS.ProcessEnv }> {
    const platform = await startTestPlatform({ label: labDisable ? 'clilab' : 'cli', labDisable });
    platforms.push(platform);
    const cwd = mkdtempSync(join(tmpdir(), 'shop-attack-cli-'));
    folders.push(cwd);
    symlinkSync(platform.devDir, join(cwd, '.dev'));
    return { platform, cwd, env: { ...process.env, SHOP_PORT_OFFSET: String(platform.portOffset), SHOP_ENV: 'development', SHOP_LAB_DISABLE: '' } };
  }

  const attack = (where: { cwd: string; env: NodeJS.ProcessEnv }, ...args: string[]) => runCommand(process.execPath, [CLI, ...args], where);

  afterAll(async () => {
    for (const platform of platforms) await platform.destroy();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it('--help explains the outcomes and exit codes without needing a platform', async () => {
    const run = await attack({ cwd: tmpdir(), env: process.env }, '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/COULD NOT RUN/);
    expect(run.stdout).toMatch(/3 +nothing got through/);
  });

  it('refuses unknown attack ids and options instead of dropping them (exit 2)', async () => {
    const unknownId = await attack({ cwd: tmpdir(), env: process.env }, 'bola-read-order', 'no-such-attack');
    expect(unknownId.code).toBe(2);
    expect(unknownId.stderr).toContain('unknown attack id: no-such-attack');
    const unknownOption = await attack({ cwd: tmpdir(), env: process.env }, '--frobnicate');
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toContain('unknown option --frobnicate');
  });

  it('twice in a row gives the same honest scorecard: all blocked both times, though the first run spent the login budget', async () => {
    const where = await platformFolder();
    const first = await attack(where);
    expect(first.stdout).toContain('Lab switches off on the target: none');
    expect({ code: first.code, stdout: first.stdout }).toMatchObject({ code: 0 });
    const second = await attack(where, '--compare');
    expect({ code: second.code, stdout: second.stdout }).toMatchObject({ code: 0 });
    // The second run's setup hit the login block the first run's brute force left, and waited it out.
    expect(second.stderr).toMatch(/rate limited; waiting \d+ s as Retry-After asks/);
    expect(verdicts(second.stdout)).toEqual(verdicts(first.stdout));
    expect([...verdicts(first.stdout).values()].every((v) => v === 'BLOCKED')).toBe(true);
    expect(verdicts(first.stdout).size).toBe(ATTACKS.length);
    expect(second.stdout).toContain('no verdict changed');
    // Aligned: the CONTROL column starts at the same offset on every row.
    const header = second.stdout.split('\n').find((line) => line.startsWith('RESULT')) as string;
    const rows = second.stdout.split('\n').filter((line) => line.startsWith('BLOCKED '));
    for (const column of ['ATTACK', 'CONTROL', 'EVIDENCE'].map((name) => header.indexOf(name))) {
      expect(rows.filter((row) => row[column - 1] !== ' ' || row[column] === ' ')).toEqual([]);
    }
  }, 400_000);

  it('a control switched off: the lab names the switch, the attack GOT THROUGH (exit 1), --verbose shows its full evidence', async () => {
    const where = await platformFolder('rbac');
    const run = await attack(where, '--verbose', 'bfla-admin-route', 'bola-read-order');
    expect(run.stdout).toContain('Lab switches off on the target: rbac (every service)');
    expect(verdicts(run.stdout)).toEqual(new Map([['bola-read-order', 'BLOCKED'], ['bfla-admin-route', 'GOT THROUGH']]));
    expect(run.stdout).toContain("200, every user's orders");
    expect(run.stdout).toContain('Bob calls GET /api/v1/admin/orders');
    expect(run.code).toBe(1);
  }, 200_000);

  it('a target that cannot answer the setup: COULD NOT RUN (exit 3), never "not blocked"', async () => {
    const where = await platformFolder();
    const auth = where.platform.services.find((s) => s.service === 'auth');
    const pid = auth?.child.pid as number;
    process.kill(pid, 'SIGSTOP'); // auth hangs: logins time out at the gateway
    try {
      const run = await attack(where, 'bola-read-order');
      expect(verdicts(run.stdout)).toEqual(new Map([['bola-read-order', 'COULD NOT RUN']]));
      expect(run.stdout).toContain('lab setup: login');
      expect(run.stdout).toContain('0 got through, 1 could not run');
      expect(run.code).toBe(3);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
  }, 200_000);
});
