import tls = require('node:tls');
import { CallCredentials, ChannelCredentials, type ChannelOptions } from '@grpc/grpc-js';
import type { PeerCertificate } from 'node:tls';
import { identityOfCertificate } from './certificate-identity';
import type { SvidMaterial, SvidSource } from './svid-source';

type SecureConnector = ReturnType<ChannelCredentials['_createSecureConnector']>;
type ChannelTarget = Parameters<ChannelCredentials['_createSecureConnector']>[0];

/**
 * Client credentials for calling one workload over mutual TLS:
 * - presents this workload's SVID; TLS 1.3 only;
 * - verifies the server chain against the trust bundle AND insists that the
 *   server's SPIFFE ID is the one the topology expects. A certificate that is
 *   merely signed by the CA is not enough: that is how a compromised service
 *   would impersonate another.
 * The secure context is built once per SVID and reused by every connection;
 * a rotated SVID is picked up by the next connection.
 */
export class MtlsChannelCredentials extends ChannelCredentials {
  private inner: ChannelCredentials;
  private readonly unsubscribe: () => void;

  constructor(
    source: SvidSource,
    private readonly expectedServerId: string,
    private readonly onServerRejected?: (reason: string) => void,
  ) {
    super();
    this.inner = this.build(source.current());
    this.unsubscribe = source.onChange((material) => {
      this.inner = this.build(material);
    });
  }

  private build(material: SvidMaterial): ChannelCredentials {
    const context = tls.createSecureContext({
      ca: material.bundle,
      cert: material.cert,
      key: material.key,
      minVersion: 'TLSv1.3',
    });
    // Replaces Node's hostname check; runs after the chain was verified.
    const checkServerIdentity = (_host: string, cert: PeerCertificate): Error | undefined => {
      const identity = identityOfCertificate(cert.raw);
      if (identity.ok && identity.spiffeId === this.expectedServerId) return undefined;
      const reason = identity.ok ? 'wrong_spiffe_id' : identity.reason;
      const presented = identity.ok ? identity.spiffeId : reason;
      this.onServerRejected?.(reason);
      return new Error(`refusing server: expected ${this.expectedServerId}, got ${presented}`);
    };
    return ChannelCredentials.createFromSecureContext(context, { checkServerIdentity });
  }

  override _isSecure(): boolean {
    return true;
  }

  override _equals(other: ChannelCredentials): boolean {
    return other === this;
  }

  override _createSecureConnector(target: ChannelTarget, options: ChannelOptions, callCredentials?: CallCredentials): SecureConnector {
    // Resolve the current context per connection attempt, so reconnects after
    // a rotation present the new certificate.
    return {
      connect: (socket) => this.inner._createSecureConnector(target, options, callCredentials).connect(socket),
      waitForReady: () => Promise.resolve(),
      getCallCredentials: () => callCredentials ?? CallCredentials.createEmpty(),
      destroy: () => undefined,
    };
  }

  dispose(): void {
    this.unsubscribe();
  }
}
