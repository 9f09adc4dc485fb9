import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import tls = require('node:tls');
import { LabTarget, gatewayPassportSigner, probe, signPassport } from '@shop/attack-lab';
import { DEMO_ACCOUNTS, HEALTH_V1, PAYMENT_V1 } from '@shop/contracts';
import { secretsRootOf, startService, stopServices, waitUntilReady } from '@shop/dev-platform';
import { DEV_PKI_FILES, issueLeafCertificate, loadCertificateAuthority } from '@shop/security/pki';
import { SECRET_FILES, SecretFiles, writeFileAtomic } from '@shop/security/secrets';
import { MtlsChannelCredentials, MtlsServerCredentials, SvidSource } from '@shop/security/transport-identity';
import { DIST_DIR, startTestPlatform, type TestPlatform } from '@shop/testing';
import { GRPC_SERVICES, RPC_POLICIES, SERVICES, SERVICE_NAMES, callEdges, spiffeIdOf, type RpcPolicy, type ServiceName } from '@shop/topology';
import { counterValue } from './support/metrics';
import { checkHealth, startHealthServer } from './support/rogue-server';

const TRUST_DOMAIN = 'shop.local';

describe('zero-trust transport between the services', () => {
  let platform: TestPlatform;
  let target: LabTarget;

  beforeAll(async () => {
    platform = await startTestPlatform({ label: 'transport', env: { SHOP_RATE_LIMIT_IP_PER_10S: '100000', SHOP_RATE_LIMIT_USER_PER_10S: '100000' } });
    target = new LabTarget(platform.gatewayUrl, platform.devDir, platform.portOffset);
  });

  afterAll(async () => {
    await target?.close();
    await platform?.destroy();
  });

  const allowed = new Set(callEdges().map((e) => `${e.from}->${e.to}`));
  const pairs = SERVICE_NAMES.flatMap((from) => GRPC_SERVICES.filter((to) => to !== from).map((to) => [from, to] as [ServiceName, ServiceName]));

  it.each(pairs)('%s -> %s is allowed exactly when the topology has that edge', async (from, to) => {
    const identity = target.identityOf(from);
    const result = await probe(target.grpcAddress(to), HEALTH_V1, 'Check', { service: '' }, { mode: 'tls', ca: identity.ca, cert: identity.cert, key: identity.key });
    if (allowed.has(`${from}->${to}`)) expect(result).toMatchObject({ kind: 'ok', response: { status: 'SERVING' } });
    else expect(result).toMatchObject({ kind: 'refused', code: 'PERMISSION_DENIED', errorCode: 'PEER.DENIED' });
  });

  /** One call of `policy`'s RPC as `caller`, over mTLS with its real SVID, an empty request and no passport. */
  const callAs = (caller: ServiceName, policy: RpcPolicy) => {
    const identity = target.identityOf(caller);
    const contract = SERVICES[policy.server].contract;
    if (!contract) throw new Error(`${policy.server} serves no gRPC`);
    return probe(target.grpcAddress(policy.server), contract, policy.method, {}, { mode: 'tls', ca: identity.ca, cert: identity.cert, key: identity.key });
  };

  // Per RPC, not only per service: a workload allowed some RPCs of a server is refused the others
  // (gateway may list products but not reserve stock; order may reserve but not list).
  const perRpcDenials = RPC_POLICIES.filter((p) => p.path.startsWith('/shop.')).flatMap((policy) =>
    callEdges()
      .filter((edge) => edge.to === policy.server && !policy.callers.includes(edge.from))
      .map((edge) => [edge.from, policy.path, policy] as const),
  );

  it('has allowed edges that are denied some RPCs', () => {
    expect(perRpcDenials.map(([caller, path]) => `${caller} ${path}`)).toEqual(
      expect.arrayContaining(['gateway /shop.inventory.v1.InventoryService/ReserveStock', 'order /shop.inventory.v1.InventoryService/ListProducts']),
    );
  });

  it.each(perRpcDenials)('%s, an allowed caller of the server, is denied %s', async (caller, _path, policy) => {
    expect(await callAs(caller, policy)).toMatchObject({ kind: 'refused', code: 'PERMISSION_DENIED', errorCode: 'PEER.DENIED' });
  });

  // Every RPC that acts for a user refuses its own allowed caller when the call carries no passport.
  it.each(RPC_POLICIES.filter((p) => !p.public).map((p) => [p.path, p] as const))('%s needs a passport, even from an allowed caller', async (_path, policy) => {
    expect(await callAs(policy.callers[0], policy)).toMatchObject({ kind: 'refused', code: 'UNAUTHENTICATED', errorCode: 'PASSPORT.MISSING' });
  });

  it('ignores a spoofed x-forwarded-client-cert in mtls mode: the certificate decides', async () => {
    const inventory = target.identityOf('inventory');
    const spoof = { 'x-forwarded-client-cert': `By=${spiffeIdOf('payment', TRUST_DOMAIN)};URI=${spiffeIdOf('order', TRUST_DOMAIN)}` };
    const credentials = { mode: 'tls' as const, ca: inventory.ca, cert: inventory.cert, key: inventory.key };
    const spoofed = await probe(target.grpcAddress('payment'), HEALTH_V1, 'Check', { service: '' }, credentials, spoof);
    expect(spoofed).toMatchObject({ kind: 'refused', code: 'PERMISSION_DENIED' });
    const order = target.identityOf('order');
    const genuine = await probe(target.grpcAddress('payment'), HEALTH_V1, 'Check', { service: '' }, { ...credentials, cert: order.cert, key: order.key });
    expect(genuine.kind).toBe('ok');
  });

  describe("a client checks the server's SPIFFE ID, not just its CA", () => {
    const files = (service: ServiceName) => new SecretFiles(join(secretsRootOf(platform.devDir), service));
    const svid = (service: ServiceName) => new SvidSource({ files: files(service), expectedSpiffeId: spiffeIdOf(service, TRUST_DOMAIN), refuseDevMaterial: false });

    it.each([
      ['refuses', 'inventory', 'UNAVAILABLE'],
      ['accepts', 'payment', 'SERVING'],
    ] as const)('order calling "payment" %s a server holding the %s SVID', async (_verb, impostor, expected) => {
      const server = await startHealthServer(new MtlsServerCredentials(svid(impostor)));
      const rejections: string[] = [];
      const credentials = new MtlsChannelCredentials(svid('order'), spiffeIdOf('payment', TRUST_DOMAIN), (reason) => rejections.push(reason));
      try {
        expect(await checkHealth(server.address, credentials)).toBe(expected);
        expect(rejections).toEqual(impostor === 'payment' ? [] : ['wrong_spiffe_id']);
      } finally {
        server.stop();
      }
    });
  });

  it('picks up a rotated SVID on the next handshake, without a restart', async () => {
    const order = target.identityOf('order');
    const servedSerial = () =>
      new Promise<string>((resolve, reject) => {
        const socket = tls.connect(
          { host: '127.0.0.1', port: Number(target.grpcAddress('payment').split(':')[1]), ca: order.ca, cert: order.cert, key: order.key, servername: 'payment.shop.internal', ALPNProtocols: ['h2'], checkServerIdentity: () => undefined },
          () => {
            resolve(socket.getPeerCertificate().serialNumber);
            socket.destroy();
          },
        );
        socket.once('error', reject);
      });
    const payment = platform.services.find((s) => s.service === 'payment');
    const pid = payment?.child.pid;
    const before = await servedSerial();

    const ca = await loadCertificateAuthority(target.pkiFile(DEV_PKI_FILES.meshCa).toString(), target.pkiFile(DEV_PKI_FILES.meshCaKey).toString());
    const next = await issueLeafCertificate(ca, { uris: [spiffeIdOf('payment', TRUST_DOMAIN)] });
    const dir = join(secretsRootOf(platform.devDir), 'payment');
    writeFileAtomic(join(dir, SECRET_FILES.svidKey), next.keyPem);
    writeFileAtomic(join(dir, SECRET_FILES.svidCert), next.certPem, 0o644);

    let after = before;
    for (let i = 0; i < 50 && after === before; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      after = await servedSerial();
    }
    expect(after).not.toBe(before);
    expect(payment?.child.pid).toBe(pid);
    expect(payment?.child.exitCode).toBeNull();
    // And the platform keeps working end to end with the new certificate.
    const bob = await platform.api.login(DEMO_ACCOUNTS[1].email, DEMO_ACCOUNTS[1].password);
    const checkout = await platform.api.post(
      '/api/v1/orders',
      { items: [{ productId: '6f1c8a52-0b8e-4c1e-9a51-000000000001', quantity: 1 }], payment: { cardNumber: '4242424242424242', expMonth: 12, expYear: 2040, cvc: '123' } },
      { token: bob.accessToken, headers: { 'Idempotency-Key': `rot-${randomUUID()}` } },
    );
    expect(checkout.status).toBe(201);
  });

  it('keeps connections alive: no new internal TLS handshakes across 1,000 requests', async () => {
    const grpcServices = GRPC_SERVICES;
    const handshakes = async () =>
      (await Promise.all(grpcServices.map((s) => counterValue(platform.opsUrl(s), 'shop_tls_handshakes_total', 'listener="grpc"')))).reduce((a, b) => a + b, 0);
    await platform.api.get('/api/v1/products'); // warm: connections exist
    const before = await handshakes();
    for (let batch = 0; batch < 20; batch++) await Promise.all(Array.from({ length: 50 }, () => platform.api.get('/api/v1/products')));
    const added = (await handshakes()) - before;
    process.stdout.write(`internal TLS handshakes during 1,000 gateway requests: ${added} (${((added / 1000) * 1000).toFixed(2)} per 1,000)\n`);
    expect(before).toBeGreaterThan(0);
    expect(added).toBeLessThan(1);
  });

  describe('mesh mode (Istio sidecar terminates mTLS)', () => {
    const meshOffset = () => platform.portOffset + 7;
    let mesh: ReturnType<typeof startService>;
    let passport: string;
    // One checkout passport is bound to one order: every case charges that order (a replay answers APPROVED again).
    const meshOrderId = randomUUID();

    beforeAll(async () => {
      mesh = startService('payment', {
        distDir: DIST_DIR,
        logDir: join(platform.devDir, 'logs-mesh'),
        env: {
          PATH: process.env['PATH'],
          SHOP_ENV: 'test',
          SECRETS_DIR: secretsRootOf(platform.devDir),
          SHOP_PORT_OFFSET: String(meshOffset()),
          TRANSPORT_SECURITY: 'mesh',
        },
      });
      await waitUntilReady([{ service: mesh, readyUrl: `http://127.0.0.1:${SERVICES.payment.opsPort + meshOffset()}/readyz` }], 30_000);
      const bob = await platform.api.login(DEMO_ACCOUNTS[1].email, DEMO_ACCOUNTS[1].password);
      const sub = JSON.parse(Buffer.from(bob.accessToken.split('.')[1], 'base64url').toString()).sub;
      passport = await signPassport(target, await gatewayPassportSigner(target), { sub, op: 'orders.place', orderId: meshOrderId });
    });

    afterAll(() => (mesh ? stopServices([mesh]) : undefined));

    const address = () => `127.0.0.1:${(SERVICES.payment.grpcPort as number) + meshOffset()}`;
    const charge = () => ({ orderId: meshOrderId, amount: 100, currency: 'EUR', card: { number: '4242424242424242', expMonth: 12, expYear: 2040, cvc: '123' } });
    const order = spiffeIdOf('order', TRUST_DOMAIN);
    const inventory = spiffeIdOf('inventory', TRUST_DOMAIN);

    it.each([
      ['the sidecar vouches for order', `By=${spiffeIdOf('payment', TRUST_DOMAIN)};Hash=ab12;URI=${order}`, 'ok'],
      ['quoted fields with separators inside', `By=${spiffeIdOf('payment', TRUST_DOMAIN)};Subject="CN=x,O=a;b";URI="${order}"`, 'ok'],
      ['several hops: the last element is order', `URI=${inventory},By=x;URI=${order}`, 'ok'],
      ['several hops: the last element is inventory', `URI=${order},By=x;URI=${inventory}`, 'PERMISSION_DENIED'],
      ['the caller is inventory', `URI=${inventory}`, 'PERMISSION_DENIED'],
      ['a malformed header', `URI="${order}`, 'PERMISSION_DENIED'],
      ['no header at all', undefined, 'PERMISSION_DENIED'],
    ])('%s', async (_case, xfcc, expected) => {
      const metadata: Record<string, string> = { 'x-passport': passport };
      if (xfcc) metadata['x-forwarded-client-cert'] = xfcc;
      const result = await probe(address(), PAYMENT_V1, 'Charge', charge(), { mode: 'plaintext' }, metadata);
      if (expected === 'ok') expect(result).toMatchObject({ kind: 'ok', response: { status: 'APPROVED' } });
      else expect(result).toMatchObject({ kind: 'refused', code: expected, errorCode: 'PEER.DENIED' });
    });
  });
});
