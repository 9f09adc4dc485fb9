import { KeyObject, createPrivateKey, webcrypto } from 'node:crypto';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
import { EC_P256, x509 } from './x509-provider';

export interface PemPair {
  readonly certPem: string;
  readonly keyPem: string;
}

export interface CertificateAuthority extends PemPair {
  readonly cert: x509.X509Certificate;
  readonly signingKey: CryptoKey;
}

const HOUR = 3_600_000;

export function keyToPem(key: CryptoKey): string {
  return KeyObject.from(key).export({ type: 'pkcs8', format: 'pem' }).toString();
}

async function generateKeys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(EC_P256, true, ['sign', 'verify'])) as CryptoKeyPair;
}

export interface CaOptions {
  readonly commonName: string;
  readonly organization: string;
  readonly validForMs?: number;
  readonly notBefore?: Date;
}

/** A self-signed root CA, constrained to sign only leaf certificates. */
export async function createCertificateAuthority(options: CaOptions): Promise<CertificateAuthority> {
  const keys = await generateKeys();
  const notBefore = options.notBefore ?? new Date(Date.now() - 5 * 60_000);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: [{ CN: [options.commonName] }, { O: [options.organization] }],
    keys,
    notBefore,
    notAfter: new Date(notBefore.getTime() + (options.validForMs ?? 30 * 24 * HOUR)),
    signingAlgorithm: EC_P256,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, signingKey: keys.privateKey, certPem: cert.toString('pem'), keyPem: keyToPem(keys.privateKey) };
}

/** Loads a CA written earlier by createCertificateAuthority. */
export async function loadCertificateAuthority(certPem: string, keyPem: string): Promise<CertificateAuthority> {
  const cert = new x509.X509Certificate(certPem);
  const der = createPrivateKey(keyPem).export({ type: 'pkcs8', format: 'der' });
  const signingKey = await webcrypto.subtle.importKey('pkcs8', der, EC_P256, true, ['sign']);
  return { cert, signingKey, certPem, keyPem };
}

export interface LeafOptions {
  /** URI SANs. An X.509-SVID has exactly one; tests pass two to prove rejection. */
  readonly uris?: readonly string[];
  readonly dnsNames?: readonly string[];
  readonly ipAddresses?: readonly string[];
  readonly commonName?: string;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  /** Defaults to serverAuth + clientAuth, which an SVID used for mTLS needs. */
  readonly extendedKeyUsages?: readonly string[];
}

/** Issues a leaf certificate (CA:false) signed by `ca`. */
export async function issueLeafCertificate(ca: CertificateAuthority, options: LeafOptions): Promise<PemPair> {
  const keys = await generateKeys();
  const names: x509.JsonGeneralName[] = [
    ...(options.uris ?? []).map((value) => ({ type: 'url' as const, value })),
    ...(options.dnsNames ?? []).map((value) => ({ type: 'dns' as const, value })),
    ...(options.ipAddresses ?? []).map((value) => ({ type: 'ip' as const, value })),
  ];
  const notBefore = options.notBefore ?? new Date(Date.now() - 5 * 60_000);
  const cert = await x509.X509CertificateGenerator.create({
    subject: options.commonName ? [{ CN: [options.commonName] }] : [],
    issuer: ca.cert.subjectName,
    publicKey: keys.publicKey,
    signingKey: ca.signingKey,
    notBefore,
    notAfter: options.notAfter ?? new Date(notBefore.getTime() + 24 * HOUR),
    signingAlgorithm: EC_P256,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyAgreement, true),
      new x509.ExtendedKeyUsageExtension(
        [...(options.extendedKeyUsages ?? [x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth])],
        false,
      ),
      // SVIDs with an empty subject must mark the SAN extension critical (RFC 5280 4.2.1.6).
      new x509.SubjectAlternativeNameExtension(names, !options.commonName),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert, false),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: keyToPem(keys.privateKey) };
}

/**
 * A self-signed certificate whose only content is one URI SAN: no chain
 * trusts it, so it can never complete a handshake. For code that hands a
 * parsed identity to a check without TLS (the startup self-check's synthetic
 * caller); one key pair and one signature, no CA.
 */
export async function createUntrustedIdentityCertificate(uri: string): Promise<string> {
  const keys = await generateKeys();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: [{ CN: ['untrusted identity'] }],
    keys,
    notAfter: new Date(Date.now() + HOUR),
    signingAlgorithm: EC_P256,
    extensions: [new x509.SubjectAlternativeNameExtension([{ type: 'url', value: uri }], false)],
  });
  return cert.toString('pem');
}
