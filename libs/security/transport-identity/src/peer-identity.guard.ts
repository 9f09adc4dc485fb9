import type { TransportSecurity } from '@shop/config';
import type { CallGuard, InboundCall } from '@shop/grpc';
import { CertificateIdentityCache } from './certificate-identity';
import { XfccParseError, callerUriFromXfcc } from './xfcc';

/** Istio's sidecar sets this on every request it forwards to the app. */
export const XFCC_HEADER = 'x-forwarded-client-cert';
/**
 * Lab mode with mTLS off: callers merely CLAIM who they are in this header.
 * Anyone can forge it, which is exactly what the lab demonstrates.
 */
export const SELF_ASSERTED_CALLER_HEADER = 'x-shop-caller-id';

/**
 * Establishes WHO is calling, from the transport, and records it as the
 * request's `peer`. It never refuses a call itself: whether an unknown or
 * malformed identity may call an RPC is the authorization guard's decision,
 * so `peer-authz` is the one switch that opens the allow-list in lab mode.
 *  - mtls: the verified client certificate's single URI SAN. Headers are
 *    ignored, so a spoofed x-forwarded-client-cert changes nothing.
 *  - mesh: the URI of the last x-forwarded-client-cert element, set by the
 *    sidecar after it terminated mTLS.
 *  - plaintext (lab only): the self-asserted header.
 */
export class PeerIdentityGuard implements CallGuard {
  readonly name = 'peer-identity';
  private readonly certificates = new CertificateIdentityCache();

  constructor(private readonly mode: TransportSecurity) {}

  admit(inbound: InboundCall): void {
    if (this.mode === 'mtls') return this.fromCertificate(inbound);
    const header = inbound.metadata.get(this.mode === 'mesh' ? XFCC_HEADER : SELF_ASSERTED_CALLER_HEADER)[0];
    if (typeof header !== 'string') {
      inbound.peerProblem = this.mode === 'mesh' ? 'no_xfcc' : 'no_claimed_identity';
      return;
    }
    if (this.mode === 'plaintext') {
      inbound.context.peer = header;
      return;
    }
    try {
      const uri = callerUriFromXfcc(header);
      if (uri) inbound.context.peer = uri;
      else inbound.peerProblem = 'xfcc_without_single_uri';
    } catch (error) {
      if (!(error instanceof XfccParseError)) throw error;
      inbound.peerProblem = 'malformed_xfcc';
    }
  }

  private fromCertificate(inbound: InboundCall): void {
    // The handshake already demanded and verified a certificate against the
    // trust bundle; what is left is reading the identity it carries.
    const certificate = inbound.call.getAuthContext().sslPeerCertificate;
    if (!certificate) {
      inbound.peerProblem = 'no_client_certificate';
      return;
    }
    const identity = this.certificates.lookup(certificate.fingerprint256, certificate.raw);
    if (identity.ok) inbound.context.peer = identity.spiffeId;
    else inbound.peerProblem = identity.reason;
  }
}
