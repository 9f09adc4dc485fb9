import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCertificateAuthority, ensureDevPki, issueLeafCertificate } from '@shop/security/pki';
import { SECRET_FILES, SecretFiles, writeFileAtomic } from '@shop/security/secrets';
import { spiffeIdOf } from '@shop/topology';
import { SvidError, SvidSource, type SvidMaterial } from './svid-source';

const TRUST_DOMAIN = 'shop.local';
const ORDER = spiffeIdOf('order', TRUST_DOMAIN);

let base: string;
let fixtures = 0;

/** A fresh dev PKI per test, so tests that tamper with files stay independent. */
async function devPki(): Promise<{ root: string; pkiDir: string; files: (service: string) => SecretFiles }> {
  const root = join(base, `case-${++fixtures}`);
  const pkiDir = join(root, 'pki');
  const secretsRoot = join(root, 'secrets');
  await ensureDevPki({ pkiDir, secretsRoot, trustDomain: TRUST_DOMAIN, services: ['order', 'payment'] });
  return { root: secretsRoot, pkiDir, files: (service) => new SecretFiles(join(secretsRoot, service)) };
}

function source(files: SecretFiles, extra: Partial<ConstructorParameters<typeof SvidSource>[0]> = {}): SvidSource {
  return new SvidSource({ files, expectedSpiffeId: ORDER, refuseDevMaterial: false, ...extra });
}

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'svid-source-'));
});

afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

describe('SvidSource: loading', () => {
  it('loads a valid SVID, key and bundle written by ensureDevPki', async () => {
    const { files } = await devPki();
    const material = source(files('order')).current();
    expect(material.spiffeId).toBe(ORDER);
    expect(material.notAfter.getTime()).toBeGreaterThan(Date.now());
    expect(material.cert.equals(files('order').readBuffer(SECRET_FILES.svidCert))).toBe(true);
  });

  it('refuses an SVID issued for another SPIFFE ID', async () => {
    const { files } = await devPki();
    expect(() => source(files('payment'), { expectedSpiffeId: spiffeIdOf('payment', TRUST_DOMAIN) })).not.toThrow();
    expect(() => source(files('payment'))).toThrow(SvidError);
  });

  it('refuses a key that does not belong to the certificate', async () => {
    const { files } = await devPki();
    const order = files('order');
    expect(() => source(order)).not.toThrow();
    writeFileAtomic(order.path(SECRET_FILES.svidKey), files('payment').readBuffer(SECRET_FILES.svidKey));
    expect(() => source(order)).toThrow(SvidError);
  });

  it('refuses a certificate not issued by its own trust bundle', async () => {
    const { files } = await devPki();
    const order = files('order');
    expect(() => source(order)).not.toThrow();
    const stranger = await createCertificateAuthority({ commonName: 'other CA', organization: 'hardened-shop dev material' });
    writeFileAtomic(order.path(SECRET_FILES.trustBundle), stranger.certPem);
    expect(() => source(order)).toThrow(SvidError);
  });

  it('with refuseDevMaterial refuses the dev CA but accepts a non-dev CA', async () => {
    const { files, root } = await devPki();
    expect(() => source(files('order'))).not.toThrow();
    expect(() => source(files('order'), { refuseDevMaterial: true })).toThrow(SvidError);

    const prodCa = await createCertificateAuthority({ commonName: 'prod mesh CA', organization: 'Shop Production' });
    const svid = await issueLeafCertificate(prodCa, { uris: [ORDER] });
    const prod = new SecretFiles(join(root, 'order-prod'));
    writeFileAtomic(prod.path(SECRET_FILES.trustBundle), prodCa.certPem);
    writeFileAtomic(prod.path(SECRET_FILES.svidKey), svid.keyPem);
    writeFileAtomic(prod.path(SECRET_FILES.svidCert), svid.certPem);
    expect(source(prod, { refuseDevMaterial: true }).current().spiffeId).toBe(ORDER);
  });
});

describe('SvidSource: reload', () => {
  it('keeps the last good material and reports the failure when the new key does not match', async () => {
    const { files } = await devPki();
    const order = files('order');
    const failures: Error[] = [];
    const changes: SvidMaterial[] = [];
    const svids = source(order, { onReloadFailed: (error) => failures.push(error) });
    svids.onChange((material) => changes.push(material));
    const before = svids.current();

    svids.reload();
    expect(failures).toEqual([]);

    writeFileAtomic(order.path(SECRET_FILES.svidKey), files('payment').readBuffer(SECRET_FILES.svidKey));
    svids.reload();
    expect(failures).toHaveLength(1);
    expect(failures[0]).toBeInstanceOf(SvidError);
    expect(svids.current()).toBe(before);
    expect(changes).toEqual([]);
    svids.close();
  });

  it('swaps to a valid re-issued SVID and notifies listeners', async () => {
    const { files, root, pkiDir } = await devPki();
    const order = files('order');
    const reloaded: SvidMaterial[] = [];
    const changes: SvidMaterial[] = [];
    const failures: Error[] = [];
    const svids = source(order, { onReloaded: (m) => reloaded.push(m), onReloadFailed: (e) => failures.push(e) });
    svids.onChange((material) => changes.push(material));
    const before = svids.current();

    // Unchanged files: no notification.
    svids.reload();
    expect(changes).toEqual([]);

    rmSync(order.path(SECRET_FILES.svidCert));
    const report = await ensureDevPki({ pkiDir, secretsRoot: root, trustDomain: TRUST_DOMAIN, services: ['order'] });
    expect(report.issued).toEqual(['order']);
    svids.reload();

    expect(failures).toEqual([]);
    const after = svids.current();
    expect(after.cert.equals(before.cert)).toBe(false);
    expect(after.key.equals(before.key)).toBe(false);
    expect(after.spiffeId).toBe(ORDER);
    expect(changes).toEqual([after]);
    expect(reloaded).toEqual([after]);
    svids.close();
  });

  it('stops notifying a listener after it unsubscribes', async () => {
    const { files, root, pkiDir } = await devPki();
    const order = files('order');
    const svids = source(order);
    const changes: SvidMaterial[] = [];
    const unsubscribe = svids.onChange((material) => changes.push(material));
    unsubscribe();

    rmSync(order.path(SECRET_FILES.svidCert));
    await ensureDevPki({ pkiDir, secretsRoot: root, trustDomain: TRUST_DOMAIN, services: ['order'] });
    svids.reload();
    expect(svids.current().cert.equals(order.readBuffer(SECRET_FILES.svidCert))).toBe(true);
    expect(changes).toEqual([]);
    svids.close();
  });
});
