import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestPlatform, type TestPlatform } from '@shop/testing';
import { bashBlocks, type CommandBlock } from './support/readme-blocks';
import { runCommand } from './support/run-command';

/**
 * Why a README block is not run here. Every block must be either run or
 * listed: a new block fails this test until someone decides.
 */
const NOT_RUN_HERE: ReadonlyArray<[RegExp, string]> = [
  [/^npm ci\nnpm start$/, 'installs and starts the platform: the fresh-clone test (fresh-clone.e2e.spec.ts) runs both'],
  [/^npm start .*\nnpm run attack /, 'the attack lab CLI: attack-lab-cli.e2e.spec.ts runs it against a started platform'],
  [/^SHOP_ENV=lab SHOP_LAB_DISABLE=.* npm start\nnpm run attack -- /, 'lab mode and the attack lab CLI: attack-lab-cli.e2e.spec.ts (a switch off, the attack gets through)'],
  [/^scripts\/kind-up\.sh/, 'needs Docker, kind and istioctl: scripts/kind-verify.sh checks the cluster'],
  [/^npm test$/, 'the test suite itself'],
  [/^npm run check:security$/, 'runs in CI (.ci/run)'],
  [/^mkdir -p \.compose\ndocker-compose run /, 'needs Docker: scripts/compose-ci.sh (CI) runs this walkthrough against the compose stack'],
  [/^npm run new:service -- shipping /, 'writes a service into the clone: new-service.e2e.spec.ts runs it in a scratch copy'],
];

const reasonNotRun = (block: CommandBlock) => NOT_RUN_HERE.find(([pattern]) => pattern.test(block.text))?.[1];

/** The tools a bare Debian/Ubuntu with Node, curl and jq has for these commands; nothing else (no uuidgen). */
function bareBin(): string {
  const bin = mkdtempSync(join(tmpdir(), 'shop-bare-bin-'));
  for (const [tool, path] of [['bash', '/bin/bash'], ['node', process.execPath], ['curl', '/usr/bin/curl'], ['jq', '/usr/bin/jq']]) symlinkSync(path, join(bin, tool));
  return bin;
}

describe("the README's command blocks", () => {
  const blocks = bashBlocks();
  const runnable = blocks.filter((block) => reasonNotRun(block) === undefined);
  let platform: TestPlatform;
  let cwd: string;
  let bin: string;

  beforeAll(async () => {
    platform = await startTestPlatform({ label: 'readme' });
    cwd = mkdtempSync(join(tmpdir(), 'shop-readme-'));
    symlinkSync(platform.devDir, join(cwd, '.dev')); // the README runs from the clone, whose .dev the launcher wrote
    bin = bareBin();
  });

  afterAll(async () => {
    await platform?.destroy();
    rmSync(cwd, { recursive: true, force: true });
    rmSync(bin, { recursive: true, force: true });
  });

  /** A block as a user pastes it into bash, with only the gateway port moved to this platform's block. */
  const run = (block: CommandBlock) =>
    runCommand('/bin/bash', ['-c', block.text.replaceAll('https://localhost:8443', platform.gatewayUrl)], { cwd, env: { PATH: bin, HOME: cwd, LANG: 'C.UTF-8' }, timeoutMs: 60_000 });

  it('every block is either run below or listed with the reason it is not', () => {
    expect(blocks.length).toBeGreaterThan(0);
    expect(runnable.map((block) => block.line)).toEqual([expect.any(Number)]);
  });

  it('the "try it" block runs as written with only node, curl and jq: products, login, a confirmed order, the order list', async () => {
    const result = await run(runnable[0]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"status": "CONFIRMED"');
    expect(result.stdout).toMatch(/\{"id":"[0-9a-f-]{36}","status":"CONFIRMED"\}/);
    expect(result.stdout).toContain('"name":');
  });

  it('a throttled login fails clearly and stops before the order calls (no confusing 401)', async () => {
    // Spend this address's login budget, as repeated runs or a brute-force lab run do.
    // Each guess names another account, so only the per-address limit (not auth's per-account lock) answers 429.
    let code: unknown;
    for (let attempt = 0; attempt < 60 && code !== 'REQUEST.RATE_LIMITED'; attempt++) {
      code = (await platform.api.post('/api/v1/auth/login', { email: `nobody-${attempt}@shop.local`, password: 'wrong-password' })).body['code'];
    }
    expect(code).toBe('REQUEST.RATE_LIMITED');
    const result = await run(runnable[0]);
    // The order calls never go out: `${TOKEN:?}` stops each one (a pasted block keeps going, so no exit code to check).
    expect(result.stderr).toMatch(/login failed: .*REQUEST\.RATE_LIMITED/);
    expect(result.stderr.match(/TOKEN: log in first \(see above\)/g)).toHaveLength(2);
    expect(result.stdout).not.toMatch(/AUTH\.|CONFIRMED/);
  });
});
