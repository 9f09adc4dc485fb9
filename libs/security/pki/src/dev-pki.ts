import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_MATERIAL, SECRET_FILES, writeFileAtomic } from '@shop/security/secrets';
import { spiffeIdOf, type ServiceName } from '@shop/topology';
import {
  createCertificateAuthority,
  issueLeafCertificate,
  loadCertificateAuthority,
  type CertificateAuthority,
} from './certificate-authority';
import { x509 } from './x509-provider';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface DevPkiOptions {
  /** Holds the CA keys. No service reads this folder. */
  readonly pkiDir: string;
  /** SECRETS_DIR: one sub-folder per service. */
  readonly secretsRoot: string;
  readonly trustDomain: string;
  readonly services: readonly ServiceName[];
  readonly svidLifetimeMs?: number;
  /** Re-issue an SVID when less than this is left. */
  readonly renewBeforeMs?: number;
  readonly now?: () => Date;
}

export interface DevPkiReport {
  readonly caCreated: boolean;
  readonly issued: readonly ServiceName[];
}

export const DEV_PKI_FILES = {
  meshCa: 'mesh-ca.pem',
  meshCaKey: 'mesh-ca-key.pem',
  webCa: 'web-ca.pem',
  webCaKey: 'web-ca-key.pem',
} as const;

function timeLeft(certPem: string, now: Date): number {
  return new x509.X509Certificate(certPem).notAfter.getTime() - now.getTime();
}

async function ensureCa(dir: string, certName: string, keyName: string, commonName: string, now: Date) {
  const certPath = join(dir, certName);
  const keyPath = join(dir, keyName);
  if (existsSync(certPath) && existsSync(keyPath) && timeLeft(readFileSync(certPath, 'utf8'), now) > 7 * DAY) {
    return { ca: await loadCertificateAuthority(readFileSync(certPath, 'utf8'), readFileSync(keyPath, 'utf8')), created: false };
  }
  const ca = await createCertificateAuthority({ commonName, organization: DEV_MATERIAL.organization, validForMs: 90 * DAY });
  writeFileAtomic(keyPath, ca.keyPem, 0o600);
  writeFileAtomic(certPath, ca.certPem, 0o644);
  return { ca, created: true };
}

/** True when the SVID on disk is missing, foreign, for another ID, or close to expiry. */
function needsSvid(dir: string, ca: CertificateAuthority, spiffeId: string, now: Date, renewBeforeMs: number): boolean {
  const certPath = join(dir, SECRET_FILES.svidCert);
  const bundlePath = join(dir, SECRET_FILES.trustBundle);
  if (![certPath, bundlePath, join(dir, SECRET_FILES.svidKey)].every((file) => existsSync(file))) return true;
  const cert = new x509.X509Certificate(readFileSync(certPath, 'utf8'));
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  const uris = san?.names.items.filter((n) => n.type === 'url').map((n) => n.value) ?? [];
  return (
    cert.issuer !== ca.cert.subject ||
    uris.length !== 1 ||
    uris[0] !== spiffeId ||
    cert.notAfter.getTime() - now.getTime() < renewBeforeMs ||
    readFileSync(bundlePath, 'utf8') !== ca.certPem
  );
}

/**
 * Creates the dev PKI when missing and renews what is close to expiry:
 * a mesh CA, one short-lived X.509-SVID per service (exactly one URI SAN),
 * and a web CA + server certificate for the gateway's public HTTPS listener.
 * Safe to call on every start and periodically while the platform runs.
 */
export async function ensureDevPki(options: DevPkiOptions): Promise<DevPkiReport> {
  const now = (options.now ?? (() => new Date()))();
  const lifetime = options.svidLifetimeMs ?? DAY;
  const renewBefore = options.renewBeforeMs ?? lifetime / 2;
  const mesh = await ensureCa(options.pkiDir, DEV_PKI_FILES.meshCa, DEV_PKI_FILES.meshCaKey, 'hardened-shop dev mesh CA', now);
  const web = await ensureCa(options.pkiDir, DEV_PKI_FILES.webCa, DEV_PKI_FILES.webCaKey, 'hardened-shop dev web CA', now);

  const issued: ServiceName[] = [];
  for (const service of options.services) {
    const dir = join(options.secretsRoot, service);
    const spiffeId = spiffeIdOf(service, options.trustDomain);
    if (!mesh.created && !needsSvid(dir, mesh.ca, spiffeId, now, renewBefore)) continue;
    const svid = await issueLeafCertificate(mesh.ca, {
      uris: [spiffeId],
      notBefore: new Date(now.getTime() - 5 * 60_000),
      notAfter: new Date(now.getTime() + lifetime),
    });
    // Bundle first, then key, then certificate: a reader that sees a new key
    // with the old certificate rejects the pair and keeps its current context.
    writeFileAtomic(join(dir, SECRET_FILES.trustBundle), mesh.ca.certPem, 0o644);
    writeFileAtomic(join(dir, SECRET_FILES.svidKey), svid.keyPem, 0o600);
    writeFileAtomic(join(dir, SECRET_FILES.svidCert), svid.certPem, 0o644);
    issued.push(service);
  }

  const httpsDir = join(options.secretsRoot, 'gateway');
  const httpsCert = join(httpsDir, SECRET_FILES.httpsCert);
  if (web.created || !existsSync(httpsCert) || timeLeft(readFileSync(httpsCert, 'utf8'), now) < 7 * DAY) {
    const server = await issueLeafCertificate(web.ca, {
      commonName: 'localhost',
      dnsNames: ['localhost'],
      ipAddresses: ['127.0.0.1', '::1'],
      notAfter: new Date(now.getTime() + 30 * DAY),
      extendedKeyUsages: [x509.ExtendedKeyUsage.serverAuth],
    });
    writeFileAtomic(join(httpsDir, SECRET_FILES.httpsKey), server.keyPem, 0o600);
    writeFileAtomic(httpsCert, server.certPem, 0o644);
  }
  return { caCreated: mesh.created, issued };
}
