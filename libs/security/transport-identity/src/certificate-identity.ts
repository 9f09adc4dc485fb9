import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

export type CertificateIdentity =
  | { readonly ok: true; readonly spiffeId: string }
  | { readonly ok: false; readonly reason: 'no_uri_san' | 'multiple_uri_sans' | 'not_spiffe' | 'unparseable' };

/**
 * Reads the SPIFFE ID of an X.509-SVID. The SVID spec requires exactly one URI
 * SAN; a certificate with none or with two is not an SVID and names nobody.
 * Parsing uses @peculiar/x509 on the DER bytes, not Node's
 * `subjectaltname` display string.
 */
export function identityOfCertificate(der: Uint8Array): CertificateIdentity {
  let uris: string[];
  try {
    const cert = new x509.X509Certificate(der);
    const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
    uris = san?.names.items.filter((name) => name.type === 'url').map((name) => name.value) ?? [];
  } catch {
    return { ok: false, reason: 'unparseable' };
  }
  if (uris.length === 0) return { ok: false, reason: 'no_uri_san' };
  if (uris.length > 1) return { ok: false, reason: 'multiple_uri_sans' };
  if (!uris[0].startsWith('spiffe://')) return { ok: false, reason: 'not_spiffe' };
  return { ok: true, spiffeId: uris[0] };
}

/**
 * Parsing a certificate costs tens of microseconds, and a connection presents
 * the same certificate on every call, so results are cached by fingerprint.
 * Bounded: a flood of distinct certificates only evicts old entries.
 */
export class CertificateIdentityCache {
  private readonly entries = new Map<string, CertificateIdentity>();

  constructor(private readonly capacity = 512) {}

  lookup(fingerprint256: string, der: Uint8Array): CertificateIdentity {
    const hit = this.entries.get(fingerprint256);
    if (hit) return hit;
    const identity = identityOfCertificate(der);
    if (this.entries.size >= this.capacity) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(fingerprint256, identity);
    return identity;
  }
}
