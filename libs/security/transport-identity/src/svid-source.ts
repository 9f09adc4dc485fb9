import { X509Certificate } from 'node:crypto';
import tls = require('node:tls');
import { DEV_MATERIAL, SECRET_FILES, type SecretFiles } from '@shop/security/secrets';
import { identityOfCertificate } from './certificate-identity';

/** One consistent set of this workload's TLS material. */
export interface SvidMaterial {
  readonly cert: Buffer;
  readonly key: Buffer;
  readonly bundle: Buffer;
  readonly spiffeId: string;
  readonly notAfter: Date;
}

export class SvidError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SvidError';
  }
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

function certificatesIn(pem: Buffer): X509Certificate[] {
  return (pem.toString('utf8').match(PEM_CERT) ?? []).map((block) => new X509Certificate(block));
}

export interface SvidSourceOptions {
  readonly files: SecretFiles;
  /** The SPIFFE ID this workload must hold; anything else is a misconfiguration. */
  readonly expectedSpiffeId: string;
  /** With SHOP_ENV=production, certificates from the dev CA are refused. */
  readonly refuseDevMaterial: boolean;
  readonly onReloadFailed?: (error: Error) => void;
  readonly onReloaded?: (material: SvidMaterial) => void;
}

/**
 * Loads this workload's X.509-SVID, key and trust bundle, validates them as a
 * set, and reloads them when the files change. A bad update (half-written
 * files, a key that does not match, a wrong identity) is rejected and the last
 * good material stays in use, so rotation can never take a service down.
 */
export class SvidSource {
  private material: SvidMaterial;
  private readonly listeners = new Set<(material: SvidMaterial) => void>();
  private stopWatching?: () => void;

  constructor(private readonly options: SvidSourceOptions) {
    this.material = this.load();
  }

  current(): SvidMaterial {
    return this.material;
  }

  onChange(listener: (material: SvidMaterial) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts watching the files; call close() to stop. */
  watch(intervalMs = 1000): this {
    const names = [SECRET_FILES.svidCert, SECRET_FILES.svidKey, SECRET_FILES.trustBundle];
    this.stopWatching = this.options.files.watch(names, () => this.reload(), intervalMs);
    return this;
  }

  reload(): void {
    try {
      const next = this.load();
      if (next.cert.equals(this.material.cert) && next.bundle.equals(this.material.bundle)) return;
      this.material = next;
      this.options.onReloaded?.(next);
      for (const listener of this.listeners) listener(next);
    } catch (error) {
      this.options.onReloadFailed?.(error as Error);
    }
  }

  close(): void {
    this.stopWatching?.();
    this.listeners.clear();
  }

  private load(): SvidMaterial {
    const { files, expectedSpiffeId } = this.options;
    const cert = files.readBuffer(SECRET_FILES.svidCert);
    const key = files.readBuffer(SECRET_FILES.svidKey);
    const bundle = files.readBuffer(SECRET_FILES.trustBundle);
    try {
      // Throws when the key does not belong to the certificate.
      tls.createSecureContext({ cert, key, ca: bundle, minVersion: 'TLSv1.3' });
    } catch (error) {
      throw new SvidError(`SVID in ${files.dir} is unusable: ${(error as Error).message}`);
    }
    const leaf = new X509Certificate(cert);
    const identity = identityOfCertificate(leaf.raw);
    if (!identity.ok) throw new SvidError(`SVID in ${files.dir} is not an X.509-SVID (${identity.reason})`);
    if (identity.spiffeId !== expectedSpiffeId) {
      throw new SvidError(`SVID in ${files.dir} is for ${identity.spiffeId}, expected ${expectedSpiffeId}`);
    }
    const now = Date.now();
    if (Date.parse(leaf.validFrom) > now || Date.parse(leaf.validTo) <= now) {
      throw new SvidError(`SVID in ${files.dir} is not valid now (${leaf.validFrom} .. ${leaf.validTo})`);
    }
    const roots = certificatesIn(bundle);
    if (roots.length === 0) throw new SvidError(`trust bundle in ${files.dir} holds no certificate`);
    if (!roots.some((root) => leaf.checkIssued(root) && leaf.verify(root.publicKey))) {
      throw new SvidError(`SVID in ${files.dir} is not issued by its own trust bundle`);
    }
    if (this.options.refuseDevMaterial && roots.some((root) => root.subject.includes(`O=${DEV_MATERIAL.organization}`))) {
      throw new SvidError('refusing the dev CA with SHOP_ENV=production');
    }
    return { cert, key, bundle, spiffeId: identity.spiffeId, notAfter: new Date(leaf.validTo) };
  }
}
