import { X509Certificate } from 'node:crypto';
import { createCertificateAuthority, issueLeafCertificate, type CertificateAuthority, type LeafOptions } from '@shop/security/pki';
import { CertificateIdentityCache, identityOfCertificate } from './certificate-identity';

const ORDER = 'spiffe://shop.local/ns/shop/sa/order';
const PAYMENT = 'spiffe://shop.local/ns/shop/sa/payment';

let ca: CertificateAuthority;

async function der(options: LeafOptions): Promise<Uint8Array> {
  const { certPem } = await issueLeafCertificate(ca, options);
  return new X509Certificate(certPem).raw;
}

beforeAll(async () => {
  ca = await createCertificateAuthority({ commonName: 'test mesh CA', organization: 'identity tests' });
});

describe('identityOfCertificate', () => {
  it('reads the SPIFFE ID of an SVID with exactly one URI SAN', async () => {
    expect(identityOfCertificate(await der({ uris: [ORDER] }))).toEqual({ ok: true, spiffeId: ORDER });
  });

  it('refuses two URI SANs: such a certificate names nobody', async () => {
    expect(identityOfCertificate(await der({ uris: [ORDER, PAYMENT] }))).toEqual({ ok: false, reason: 'multiple_uri_sans' });
  });

  it('refuses a certificate without a URI SAN (DNS only)', async () => {
    const dnsOnly = await der({ commonName: 'order.shop.svc', dnsNames: ['order.shop.svc'] });
    expect(identityOfCertificate(dnsOnly)).toEqual({ ok: false, reason: 'no_uri_san' });
  });

  it('refuses a URI SAN that is not a spiffe:// URI', async () => {
    expect(identityOfCertificate(await der({ uris: ['https://shop.local/ns/shop/sa/order'] }))).toEqual({ ok: false, reason: 'not_spiffe' });
  });

  it('reports garbage and truncated bytes as unparseable', async () => {
    const valid = await der({ uris: [ORDER] });
    expect(identityOfCertificate(Buffer.from('definitely not a certificate'))).toEqual({ ok: false, reason: 'unparseable' });
    expect(identityOfCertificate(valid.subarray(0, valid.length / 2))).toEqual({ ok: false, reason: 'unparseable' });
  });
});

describe('CertificateIdentityCache', () => {
  it('returns the same result for the same fingerprint', async () => {
    const cache = new CertificateIdentityCache();
    const raw = await der({ uris: [ORDER] });
    const first = cache.lookup('fp-order', raw);
    expect(first).toEqual({ ok: true, spiffeId: ORDER });
    expect(cache.lookup('fp-order', raw)).toBe(first);
  });

  it('serves from the cache by fingerprint and evicts the oldest entry beyond capacity', async () => {
    const cache = new CertificateIdentityCache(2);
    const garbage = Buffer.from('garbage');
    cache.lookup('a', await der({ uris: [ORDER] }));
    cache.lookup('b', await der({ uris: [PAYMENT] }));
    // Still cached: the bytes are not parsed again.
    expect(cache.lookup('a', garbage)).toEqual({ ok: true, spiffeId: ORDER });

    cache.lookup('c', await der({ uris: [ORDER] }));
    // 'a' was the oldest and is gone, so the new bytes are parsed.
    expect(cache.lookup('a', garbage)).toEqual({ ok: false, reason: 'unparseable' });
  });
});
