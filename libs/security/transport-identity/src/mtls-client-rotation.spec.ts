import * as grpc from '@grpc/grpc-js';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls = require('node:tls');
import { ensureDevPki } from '@shop/security/pki';
import { SECRET_FILES, SecretFiles } from '@shop/security/secrets';
import { spiffeIdOf } from '@shop/topology';
import { MtlsChannelCredentials } from './mtls-channel-credentials';
import { SvidSource } from './svid-source';

const TRUST_DOMAIN = 'shop.local';

/**
 * The client half of rotation: after order's SVID files are re-issued, the
 * next connection order opens presents the new certificate, with no restart
 * of anything. Observed by a real TLS server recording what clients present.
 */
describe('MtlsChannelCredentials: client-side SVID rotation', () => {
  let root: string;
  let server: tls.Server;
  const presented: string[] = [];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'mtls-client-rotation-'));
    await ensureDevPki({ pkiDir: join(root, 'pki'), secretsRoot: join(root, 'secrets'), trustDomain: TRUST_DOMAIN, services: ['order', 'payment'] });
    const payment = new SecretFiles(join(root, 'secrets', 'payment'));
    server = tls.createServer(
      {
        cert: payment.readBuffer(SECRET_FILES.svidCert),
        key: payment.readBuffer(SECRET_FILES.svidKey),
        ca: payment.readBuffer(SECRET_FILES.trustBundle),
        requestCert: true,
        rejectUnauthorized: true,
        minVersion: 'TLSv1.3',
        ALPNProtocols: ['h2'],
      },
      (socket) => {
        presented.push(socket.getPeerCertificate().serialNumber);
        socket.destroy(); // the handshake is all this test needs
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(() => {
    server.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** Opens a fresh connection with these credentials and waits until the server has seen the handshake. */
  async function connectOnce(credentials: grpc.ChannelCredentials): Promise<string> {
    const seen = presented.length;
    const client = new grpc.Client(`127.0.0.1:${(server.address() as AddressInfo).port}`, credentials, { 'grpc.use_local_subchannel_pool': 1 });
    try {
      await new Promise<void>((resolve) => client.waitForReady(Date.now() + 1000, () => resolve()));
      for (let i = 0; i < 40 && presented.length === seen; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      return presented[presented.length - 1];
    } finally {
      client.close();
    }
  }

  it('presents the re-issued SVID on the next connection', async () => {
    const files = new SecretFiles(join(root, 'secrets', 'order'));
    const svids = new SvidSource({ files, expectedSpiffeId: spiffeIdOf('order', TRUST_DOMAIN), refuseDevMaterial: false });
    const credentials = new MtlsChannelCredentials(svids, spiffeIdOf('payment', TRUST_DOMAIN));
    try {
      const before = await connectOnce(credentials);
      expect(before).toMatch(/^[0-9A-F]+$/); // the server saw a client certificate

      // The dev PKI re-issues order's SVID, as a SPIRE agent would before expiry.
      rmSync(files.path(SECRET_FILES.svidCert));
      expect((await ensureDevPki({ pkiDir: join(root, 'pki'), secretsRoot: join(root, 'secrets'), trustDomain: TRUST_DOMAIN, services: ['order'] })).issued).toEqual(['order']);
      svids.reload(); // what the file watcher does on change

      const after = await connectOnce(credentials);
      expect(after).not.toBe(before);
      expect(after).toBe(new X509Certificate(files.readBuffer(SECRET_FILES.svidCert)).serialNumber);
    } finally {
      credentials.dispose();
      svids.close();
    }
  });
});
