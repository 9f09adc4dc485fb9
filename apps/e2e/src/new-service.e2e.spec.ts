import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabTarget, probe } from '@shop/attack-lab';
import { HEALTH_V1, type GrpcPackageContract } from '@shop/contracts';
import { rootServerHome } from '@shop/dev-platform';
import { REPO_ROOT } from '@shop/testing';
import { SERVICES, SERVICE_NAMES, type ServiceName } from '@shop/topology';
import { freePortOffset } from './support/free-port-block';
import { runCommand } from './support/run-command';

/**
 * `npm run new:service -- shipping --callers order` in a scratch clone of this
 * commit (node_modules symlinked: a real `npm ci` adds minutes and no
 * coverage), then what a user would check: it typechecks, lints with every
 * rule (through nx, so module boundaries apply), the generated docs are in
 * step, and the platform starts with six services, where `shipping` answers
 * `order` and refuses, over real mTLS, the workloads the topology does not list.
 */
describe('npm run new:service', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'shop-new-service-'));
  const copy = join(scratch, 'shop');
  const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'], HOME: scratch, SHOP_ENV: 'development', SHOP_LAB_DISABLE: '', NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
  const highest = (pick: (name: ServiceName) => number | undefined) => Math.max(...SERVICE_NAMES.map(pick).filter((p): p is number => p !== undefined));
  const expectedPorts = { grpc: highest((n) => SERVICES[n].grpcPort) + 1, ops: highest((n) => SERVICES[n].opsPort) + 1 };
  let generated: Awaited<ReturnType<typeof runCommand>>;

  beforeAll(async () => {
    env['SHOP_PORT_OFFSET'] = String(await freePortOffset([expectedPorts.grpc, expectedPorts.ops]));
    const head = (await runCommand('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, env })).stdout.trim();
    expect(await runCommand('git', ['clone', '--quiet', '--shared', REPO_ROOT, copy], { cwd: scratch, env })).toMatchObject({ code: 0 });
    expect(await runCommand('git', ['checkout', '--quiet', head], { cwd: copy, env })).toMatchObject({ code: 0 });
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(copy, 'node_modules'));
    generated = await runCommand('npm', ['run', '--silent', 'new:service', '--', 'shipping', '--callers', 'order', '--summary', 'quotes and books parcels'], { cwd: copy, env, timeoutMs: 120_000 });
  }, 150_000);

  afterAll(() => {
    rmSync(rootServerHome(join(copy, '.dev', 'postgres')), { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  });

  it('writes the contract, the topology entry on the next free ports, the app, and regenerates deploy files and docs', () => {
    expect(generated.stderr).not.toMatch(/new:service:/);
    expect(generated.code).toBe(0);
    const services = readFileSync(join(copy, 'libs/topology/src/services.ts'), 'utf8');
    expect(services).toContain(`opsPort: ${expectedPorts.ops}, grpcPort: ${expectedPorts.grpc}, contract: SHIPPING_V1 }`);
    expect(readFileSync(join(copy, 'libs/topology/src/rpc-policies.ts'), 'utf8')).toContain("rpc('shipping', SHIPPING_V1, 'GetStatus', ['order'], 'public')");
    expect(readFileSync(join(copy, 'README.md'), 'utf8')).toMatch(/order -- "GetStatus" --> shipping[\s\S]*\| shipping \| quotes and books parcels \| gRPC \d+, ops \d+ \|/);
    expect(readFileSync(join(copy, 'k8s/base/kustomization.yaml'), 'utf8')).toContain('shipping.yaml');
  });

  it('refuses a second run for the same name and leaves the tree as it was', async () => {
    const again = await runCommand(process.execPath, ['dist/apps/service-gen/src/main.js', 'shipping'], { cwd: copy, env });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('"shipping" already exists');
    expect((await runCommand('git', ['status', '--porcelain', '--', 'libs/topology'], { cwd: copy, env })).stdout).toContain('services.ts');
    expect(readFileSync(join(copy, 'libs/topology/src/services.ts'), 'utf8').match(/name: 'shipping'/g)).toHaveLength(1);
  });

  it('typechecks and passes its unit test', async () => {
    const tsc = await runCommand(process.execPath, [join(copy, 'node_modules/typescript/bin/tsc'), '-p', 'apps/shipping/tsconfig.json', '--noEmit'], { cwd: copy, env });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.code).toBe(0);
    const jest = await runCommand(process.execPath, [join(copy, 'node_modules/jest/bin/jest.js'), '-c', 'apps/shipping/jest.config.cjs'], { cwd: copy, env });
    expect(jest.stderr).toMatch(/Tests: +2 passed, 2 total/);
  }, 120_000);

  it('lints with every rule, module boundaries included (nx lint builds the project graph)', async () => {
    const lint = await runCommand(process.execPath, [join(copy, 'node_modules/nx/dist/bin/nx.js'), 'lint', 'shipping', '--skip-nx-cache', '--outputStyle=stream'], { cwd: copy, env });
    expect(lint.stdout + lint.stderr).not.toMatch(/No cached ProjectGraph|warning|error/i);
    expect(lint.code).toBe(0);
  }, 120_000);

  it('starts with the platform; shipping answers order and refuses callers the topology does not list', async () => {
    const launcher = spawn(process.execPath, ['dist/apps/launcher/src/main.js'], { cwd: copy, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    launcher.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    launcher.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<void>((resolve) => launcher.once('exit', () => resolve()));
    const offset = Number(env['SHOP_PORT_OFFSET']);
    let target: LabTarget | undefined;
    try {
      const deadline = Date.now() + 120_000;
      while (!output.includes('Hardened Shop is up in') && launcher.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      expect(output).toContain('Hardened Shop is up in');
      // Only the SVIDs matter here; the gateway URL is never called.
      target = new LabTarget(`https://127.0.0.1:${(SERVICES.gateway.httpsPort as number) + offset}`, join(copy, '.dev'), offset);
      const svids = target;
      // The copy's contract, not this checkout's (which has no shipping).
      const shipping: GrpcPackageContract = { package: 'shop.shipping.v1', service: 'ShippingService', protoFile: join(copy, 'libs/contracts/src/proto/shop/shipping/v1/shipping.proto') };
      const address = `127.0.0.1:${expectedPorts.grpc + offset}`;
      const callAs = (caller: ServiceName, contract: GrpcPackageContract, method: string, request: object) => {
        const identity = svids.identityOf(caller);
        return probe(address, contract, method, request, { mode: 'tls', ca: identity.ca, cert: identity.cert, key: identity.key });
      };
      expect(await callAs('order', shipping, 'GetStatus', {})).toEqual({ kind: 'ok', response: { service: 'shipping', status: 'SERVING' } });
      expect(await callAs('order', HEALTH_V1, 'Check', { service: '' })).toMatchObject({ kind: 'ok', response: { status: 'SERVING' } });
      for (const stranger of ['gateway', 'payment'] as const) {
        expect(await callAs(stranger, shipping, 'GetStatus', {})).toMatchObject({ kind: 'refused', code: 'PERMISSION_DENIED', errorCode: 'PEER.DENIED' });
      }
    } finally {
      await target?.close();
      if (launcher.exitCode === null) process.kill(-(launcher.pid as number), 'SIGINT');
      await exited;
    }
  }, 180_000);
});
