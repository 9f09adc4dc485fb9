import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { ShopError } from '@shop/contracts';
import { createCertificateAuthority, issueLeafCertificate } from '@shop/security/pki';
import { captureSecurityEvents } from '@shop/testing';
import { hostTableResolver } from './host-resolver';
import { IMAGE_IMPORT_POLICY } from './ssrf-policy';
import { SsrfGuard } from './ssrf-guard';

// https through a pinned address: the socket goes to the checked IP, while SNI
// and the certificate check still use the name in the URL.
const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

let server: Server;
let guard: SsrfGuard;
let port: number;
let ca: string;
const sniSeen: string[] = [];

beforeAll(async () => {
  const authority = await createCertificateAuthority({ commonName: 'ssrf test CA', organization: 'hardened-shop tests' });
  const leaf = await issueLeafCertificate(authority, { dnsNames: ['images.lab.test'], commonName: 'images.lab.test' });
  ca = authority.certPem;
  server = createServer({ cert: leaf.certPem, key: leaf.keyPem }, (_request, response) => response.writeHead(200).end(GIF));
  server.on('secureConnection', (socket) => sniSeen.push(String((socket as { servername?: string }).servername)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  port = (server.address() as AddressInfo).port;
  const resolver = hostTableResolver({ 'images.lab.test': '127.0.0.2', 'impostor.lab.test': '127.0.0.2' }, () => Promise.reject(new Error('no DNS')));
  const policy = { ...IMAGE_IMPORT_POLICY, exemptEndpoint: { address: '127.0.0.2', port } };
  guard = new SsrfGuard({ policy, resolver, events: captureSecurityEvents('inventory').events, enforced: true, trustedCa: ca });
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

it('verifies the certificate against the URL name while connecting to the pinned address', async () => {
  const image = await guard.fetchImage(`https://images.lab.test:${port}/pixel.gif`);
  expect([image.contentType, image.bytes.equals(GIF)]).toEqual(['image/gif', true]);
  expect(sniSeen).toEqual(['images.lab.test']);
});

it('fails when the certificate does not name the host in the URL', async () => {
  const failure = await guard.fetchImage(`https://impostor.lab.test:${port}/pixel.gif`).catch((error: ShopError) => error);
  expect(failure).toMatchObject({ code: 'IMAGE.FETCH_FAILED' });
});
