import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { secretsRootOf, startService, type ManagedService } from '@shop/dev-platform';
import { DIST_DIR, startTestPlatform, type TestPlatform } from '@shop/testing';
import { GRPC_SERVICES, SERVICES, type ServiceName } from '@shop/topology';
import { freePortOffset } from './support/free-port-block';

/**
 * Node preloads that break the pipeline the way an upgrade could, with no
 * error of their own. They exist only here: a process can only be given one
 * by whoever starts it with `--require`, never through the shop's config.
 */
const BREAKS = {
  // Nest stops routing unary methods through ShopGrpcServer.createUnaryServiceMethod: no guards run.
  'Nest skipping the guard chain': {
    // Every probe reaches a handler, which refuses without the guards' event.
    probesFailing: ['passport', 'peer', 'signature', 'wire'],
    preload: `
    const { ServerGrpc } = require(require.resolve('@nestjs/microservices', { paths: [${JSON.stringify(DIST_DIR)}] }));
    ServerGrpc.prototype.createServiceMethod = function (handler) { return ServerGrpc.prototype.createUnaryServiceMethod.call(this, handler); };`,
  },
  // grpc-js stops using MtlsChannelCredentials' connector: the client no longer presents its SVID.
  'grpc-js skipping the mTLS connector': {
    // The guards are intact; only the call over our own credentials fails.
    probesFailing: ['wire'],
    preload: `
    const grpc = require(require.resolve('@grpc/grpc-js', { paths: [${JSON.stringify(DIST_DIR)}] }));
    const { MtlsChannelCredentials } = require(${JSON.stringify(join(DIST_DIR, 'libs/security/transport-identity/src/mtls-channel-credentials.js'))});
    MtlsChannelCredentials.prototype._createSecureConnector = function (...args) { return grpc.credentials.createInsecure()._createSecureConnector(...args); };`,
  },
  // The passport verifier stops checking signatures (the lab's decode path used for real).
  'the verifier skipping the signature check': {
    // A passport is still required; only the forged one gets through.
    probesFailing: ['signature'],
    preload: `
    const { PassportVerifier } = require(${JSON.stringify(join(DIST_DIR, 'libs/security/passport/src/passport-verifier.js'))});
    PassportVerifier.prototype.verify = async function (token) { return this.decodeWithoutVerification(token); };`,
  },
} as const;

/** Stable: runbooks and alerts match on it (libs/platform/src/startup-self-check.ts). */
const SELF_CHECK_FAILED = 'STARTUP.SELF_CHECK_FAILED';

interface Copy {
  /** Its folder under the scratch directory, holding `<service>.log`. */
  readonly name: string;
  readonly exitCode: number | null;
  readonly everReady: boolean;
  readonly log: string;
}

describe('startup self-check', () => {
  let platform: TestPlatform;
  let scratch: string;

  beforeAll(async () => {
    platform = await startTestPlatform({ label: 'selfcheck' });
    scratch = mkdtempSync(join(tmpdir(), 'shop-selfcheck-'));
  });

  afterAll(async () => {
    await platform?.destroy();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  const logLines = (file: string) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  /** A second copy of `service` on a free port block, sharing the platform's secrets and database. */
  async function runCopy(service: ServiceName, name: string, options: { preload?: string; env?: Record<string, string> }): Promise<Copy> {
    const offset = await freePortOffset();
    const nodeArgs = options.preload ? ['--require', options.preload] : [];
    const logDir = join(scratch, name);
    const env = { PATH: process.env['PATH'], SHOP_ENV: 'test', SECRETS_DIR: secretsRootOf(platform.devDir), SHOP_PORT_OFFSET: String(offset), ...options.env };
    const copy: ManagedService = startService(service, { distDir: DIST_DIR, logDir, env, nodeArgs });
    const readyz = `http://127.0.0.1:${SERVICES[service].opsPort + offset}/readyz`;
    let everReady = false;
    const deadline = Date.now() + 20_000;
    // Until it exits, reports ready (a broken copy that does has failed its test), or 20 s pass.
    while (copy.child.exitCode === null && !everReady && Date.now() < deadline) {
      everReady ||= await fetch(readyz, { signal: AbortSignal.timeout(500) }).then((r) => r.status === 200, () => false);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (copy.child.exitCode === null) await copy.stop();
    return { name, exitCode: copy.child.exitCode, everReady, log: readFileSync(join(logDir, `${service}.log`), 'utf8') };
  }

  it('passes in every gRPC service before it reports ready, and logs what it saw and what it cost', () => {
    const costs: Record<string, unknown> = {};
    for (const service of GRPC_SERVICES) {
      const lines = logLines(join(platform.devDir, 'logs', `${service}.log`));
      const passed = lines.findIndex((line) => String(line['msg']).startsWith('startup self-check passed'));
      const listening = lines.findIndex((line) => line['msg'] === `${service} listening`);
      expect({ service, passed: passed >= 0 }).toEqual({ service, passed: true });
      expect(passed).toBeLessThan(listening);
      const report = lines[passed]['selfCheck'] as { ms: number; observed: Record<string, { status: string; shopCode?: string; ms: number }> };
      expect(report.observed['wire']).toMatchObject({ status: 'PERMISSION_DENIED', shopCode: 'PEER.DENIED' });
      expect(report.observed['passport']).toMatchObject({ status: 'UNAUTHENTICATED', shopCode: 'PASSPORT.MISSING' });
      expect(report.observed['signature']).toMatchObject({ status: 'UNAUTHENTICATED', shopCode: 'PASSPORT.INVALID' });
      costs[service] = { total: report.ms, ...Object.fromEntries(Object.entries(report.observed).map(([probe, outcome]) => [probe, outcome.ms])) };
    }
    process.stdout.write(`startup self-check cost per service (ms): ${JSON.stringify(costs)}\n`);
  });

  it('leaves no security event behind: its refusals are diverted, not audited', () => {
    for (const service of GRPC_SERVICES) {
      const events = logLines(join(platform.devDir, 'logs', `${service}.log`)).filter((line) => line['securityEvent']);
      expect({ service, events }).toEqual({ service, events: [] });
    }
  });

  it.each([
    // With the allow-list open, our own passport-less call gets as far as the passport guard.
    ['peer-authz,passport', ['passport', 'peer-authz'], { transport: 'mtls', observed: { wire: { shopCode: 'PASSPORT.MISSING' } } }],
    // Plaintext: the wire probe claims our identity in a header, and the allow-list still refuses it.
    ['mtls', ['mtls'], { transport: 'plaintext', observed: { wire: { shopCode: 'PEER.DENIED' } } }],
  ])('in lab mode with %s off, expects what the switches say and starts', async (off, labDisabled, expected) => {
    const name = `lab-${off.replaceAll(',', '-')}`;
    const copy = await runCopy('payment', name, { env: { SHOP_ENV: 'lab', SHOP_LAB_DISABLE: off } });
    expect(copy.everReady).toBe(true);
    const passed = logLines(join(scratch, name, 'payment.log')).find((line) => String(line['msg']).startsWith('startup self-check passed'));
    expect(passed?.['selfCheck']).toMatchObject({ labDisabled, ...expected });
    // With the passport check off, a forged passport would reach a handler: that probe is not sent.
    const probes = Object.keys((passed?.['selfCheck'] as { observed: object }).observed);
    expect(probes.includes('signature')).toBe(!labDisabled.includes('passport'));
    process.stdout.write(`payment with ${off} off, started alone: ${JSON.stringify(passed?.['selfCheck'])}\n`);
  });

  describe.each(Object.keys(BREAKS) as Array<keyof typeof BREAKS>)('with %s', (label) => {
    let preload: string;
    beforeAll(() => {
      preload = join(scratch, `${label.replaceAll(/\W+/g, '-')}.js`);
      writeFileSync(preload, BREAKS[label].preload);
    });

    it.each(GRPC_SERVICES)('%s refuses to start: exit code 1, the stable code, never ready', async (service) => {
      const copy = await runCopy(service, `${label}-${service}`.replaceAll(/\W+/g, '-'), { preload });
      expect({ exitCode: copy.exitCode, everReady: copy.everReady }).toEqual({ exitCode: 1, everReady: false });
      const refusal = logLines(join(scratch, copy.name, `${service}.log`)).find((line) => line['code'] === SELF_CHECK_FAILED);
      const failures = (refusal?.['failures'] ?? []) as string[];
      expect([...new Set(failures.map((failure) => failure.split(':')[0]))].sort()).toEqual(BREAKS[label].probesFailing);
      expect(copy.log).not.toContain(`${service} listening`);
      if (service === GRPC_SERVICES[0]) process.stdout.write(`${label}: ${service} logged ${JSON.stringify(failures)}\n`);
    });
  });
});
