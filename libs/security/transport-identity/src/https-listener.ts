import { X509Certificate } from 'node:crypto';
import tls = require('node:tls');
import { DEV_MATERIAL, SECRET_FILES, type SecretFiles } from '@shop/security/secrets';

export interface HttpsMaterial {
  readonly cert: Buffer;
  readonly key: Buffer;
}

/**
 * Reads and validates the public listener's certificate and key; with
 * `refuseDevMaterial` (SHOP_ENV=production) a certificate from the dev web CA
 * is refused.
 */
export function readHttpsMaterial(files: SecretFiles, refuseDevMaterial = false): HttpsMaterial {
  const material = { cert: files.readBuffer(SECRET_FILES.httpsCert), key: files.readBuffer(SECRET_FILES.httpsKey) };
  tls.createSecureContext(material); // throws when the key does not match
  if (refuseDevMaterial && new X509Certificate(material.cert).issuer.includes(`O=${DEV_MATERIAL.organization}`)) {
    throw new Error('refusing the dev HTTPS certificate with SHOP_ENV=production');
  }
  return material;
}

/**
 * TLS settings of the public HTTPS listener. TLS 1.2 stays allowed for
 * browsers and older clients (with forward-secret AEAD suites only); the
 * internal mesh is TLS 1.3 only.
 */
export function httpsServerOptions(material: HttpsMaterial): Pick<tls.TlsOptions, 'cert' | 'key' | 'minVersion' | 'ciphers' | 'honorCipherOrder'> {
  return {
    ...material,
    minVersion: 'TLSv1.2',
    ciphers: [
      'TLS_AES_128_GCM_SHA256',
      'TLS_AES_256_GCM_SHA384',
      'TLS_CHACHA20_POLY1305_SHA256',
      'ECDHE-ECDSA-AES128-GCM-SHA256',
      'ECDHE-ECDSA-AES256-GCM-SHA384',
      'ECDHE-ECDSA-CHACHA20-POLY1305',
      'ECDHE-RSA-AES128-GCM-SHA256',
      'ECDHE-RSA-AES256-GCM-SHA384',
    ].join(':'),
    honorCipherOrder: true,
  };
}

/**
 * Swaps the listener's certificate when the files change; open connections
 * keep theirs, new handshakes get the new one. A bad update is ignored.
 */
export function reloadHttpsOnChange(files: SecretFiles, server: tls.Server, refuseDevMaterial: boolean, onError: (error: Error) => void): () => void {
  return files.watch([SECRET_FILES.httpsCert, SECRET_FILES.httpsKey], () => {
    try {
      server.setSecureContext(httpsServerOptions(readHttpsMaterial(files, refuseDevMaterial)));
    } catch (error) {
      onError(error as Error);
    }
  });
}
