import tls = require('node:tls');
import { ServerCredentials } from '@grpc/grpc-js';
import type { SvidMaterial, SvidSource } from './svid-source';

function contextOptions(material: SvidMaterial): tls.SecureContextOptions {
  // grpc-js passes these to setSecureContext() on rotation, which builds a
  // fresh context: minVersion must be part of every update or it is lost.
  return { ca: material.bundle, cert: material.cert, key: material.key, minVersion: 'TLSv1.3' };
}

/**
 * Server credentials for mutual TLS between workloads:
 * - TLS 1.3 only;
 * - a client certificate is required and verified against the trust bundle
 *   (a missing or foreign one fails the handshake);
 * - the certificate and bundle follow the SvidSource, so a rotated SVID is
 *   used by the next handshake without a restart.
 * Who the client is, and whether it may call the RPC, is decided per call by
 * the peer guards, not here.
 */
export class MtlsServerCredentials extends ServerCredentials {
  private readonly unsubscribe: () => void;

  constructor(source: SvidSource, onHandshake?: () => void) {
    super(
      {
        requestCert: true,
        rejectUnauthorized: true,
        minVersion: 'TLSv1.3',
        // Called once per ClientHello that names a server, which every
        // platform client does: it counts every handshake begun (full,
        // resumed or failed), so it is an upper bound on full handshakes.
        SNICallback: (_servername, done) => {
          onHandshake?.();
          done(null, undefined as unknown as tls.SecureContext);
        },
      },
      contextOptions(source.current()),
    );
    this.unsubscribe = source.onChange((material) => this.updateSecureContextOptions(contextOptions(material)));
  }

  override _equals(other: ServerCredentials): boolean {
    return other === this;
  }

  dispose(): void {
    this.unsubscribe();
  }
}
