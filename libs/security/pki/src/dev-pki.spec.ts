import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SECRET_FILES } from '@shop/security/secrets';
import { DEV_PKI_FILES, ensureDevPki } from './dev-pki';

// Checked with Node's own X.509 parser (OpenSSL), not the library that wrote the certificates.
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const HOUR = 3_600_000;

describe('ensureDevPki', () => {
  let root: string;
  const services = ['auth', 'order', 'payment', 'inventory'] as const;
  const options = () => ({ pkiDir: join(root, 'pki'), secretsRoot: join(root, 'secrets'), trustDomain: 'shop.local', services });
  const svidOf = (service: string) => new X509Certificate(readFileSync(join(root, 'secrets', service, SECRET_FILES.svidCert)));
  const meshCa = () => new X509Certificate(readFileSync(join(root, 'pki', DEV_PKI_FILES.meshCa)));

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'dev-pki-'));
    expect(await ensureDevPki(options())).toEqual({ caCreated: true, issued: [...services] });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each(services)('issues %s an X.509-SVID with exactly one URI SAN, its SPIFFE ID', (service) => {
    expect(svidOf(service).subjectAltName).toBe(`URI:spiffe://shop.local/ns/shop/sa/${service}`);
  });

  it.each(services)('makes the %s SVID a short-lived P-256 leaf for both ends of mTLS, signed by the mesh CA', (service) => {
    const svid = svidOf(service);
    expect(svid.ca).toBe(false);
    expect(svid.keyUsage).toEqual(expect.arrayContaining([SERVER_AUTH, CLIENT_AUTH]));
    expect(svid.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(svid.verify(meshCa().publicKey)).toBe(true);
    expect(svid.checkIssued(meshCa())).toBe(true);
    expect(Date.parse(svid.validTo) - Date.parse(svid.validFrom)).toBeLessThanOrEqual(24 * HOUR + 5 * 60_000);
  });

  it('keeps each private key readable by its owner only, in that service’s own folder', () => {
    for (const service of services) {
      const mode = statSync(join(root, 'secrets', service, SECRET_FILES.svidKey)).mode & 0o777;
      expect(mode & 0o077).toBe(0); // nothing for group or others
    }
    expect(statSync(join(root, 'pki', DEV_PKI_FILES.meshCaKey)).mode & 0o077).toBe(0);
  });

  it('makes the CA a CA and the gateway HTTPS certificate a server-only certificate for localhost', () => {
    expect(meshCa().ca).toBe(true);
    const https = new X509Certificate(readFileSync(join(root, 'secrets', 'gateway', SECRET_FILES.httpsCert)));
    expect(https.ca).toBe(false);
    expect(https.keyUsage).toEqual([SERVER_AUTH]);
    expect(https.checkHost('localhost')).toBe('localhost');
    expect(https.checkIP('127.0.0.1')).toBe('127.0.0.1');
  });

  it('leaves valid material alone on the next start', async () => {
    const before = svidOf('order').serialNumber;
    expect(await ensureDevPki(options())).toEqual({ caCreated: false, issued: [] });
    expect(svidOf('order').serialNumber).toBe(before);
  });

  it('renews SVIDs close to expiry, keeping the CA', async () => {
    const ca = meshCa().serialNumber;
    const later = new Date(Date.now() + 13 * HOUR); // past half of the 24 h lifetime
    expect(await ensureDevPki({ ...options(), now: () => later })).toEqual({ caCreated: false, issued: [...services] });
    expect(meshCa().serialNumber).toBe(ca);
    expect(Date.parse(svidOf('payment').validTo)).toBeGreaterThan(later.getTime() + 23 * HOUR);
  });
});
