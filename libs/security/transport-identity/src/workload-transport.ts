import { ChannelCredentials, ServerCredentials, type Metadata } from '@grpc/grpc-js';
import type { ServiceConfig } from '@shop/config';
import { SecretFiles } from '@shop/security/secrets';
import { spiffeIdOf, type ServiceName } from '@shop/topology';
import { MtlsChannelCredentials } from './mtls-channel-credentials';
import { MtlsServerCredentials } from './mtls-server-credentials';
import { PeerIdentityGuard, SELF_ASSERTED_CALLER_HEADER } from './peer-identity.guard';
import { SvidSource, type SvidMaterial } from './svid-source';

export interface WorkloadTransportHooks {
  onSvidReloaded?(material: SvidMaterial): void;
  onSvidReloadFailed?(error: Error): void;
  /** A server presented the wrong identity (or no SVID) to one of our clients. */
  onServerRejected?(target: ServiceName, reason: string): void;
  /** A ClientHello reached our gRPC listener: a handshake began (an upper bound on full handshakes). */
  onHandshake?(): void;
}

/**
 * Everything about how this workload talks to others, chosen once from
 * TRANSPORT_SECURITY:
 *  - mtls (default): SVID-based mutual TLS, terminated in the process;
 *  - mesh: plaintext to the local sidecar, which does mTLS (Istio STRICT);
 *  - plaintext: lab mode with `mtls` switched off.
 * Credentials are built once and shared by every connection, so a steady
 * stream of calls costs no TLS handshakes after the first.
 */
export class WorkloadTransport {
  private readonly svids?: SvidSource;
  private readonly channels = new Map<ServiceName, ChannelCredentials>();
  private readonly disposers: Array<() => void> = [];
  readonly ownSpiffeId: string;

  constructor(
    private readonly config: ServiceConfig,
    private readonly hooks: WorkloadTransportHooks = {},
  ) {
    this.ownSpiffeId = spiffeIdOf(config.service, config.trustDomain);
    if (config.transport === 'mtls') {
      this.svids = new SvidSource({
        files: new SecretFiles(config.secretsDir),
        expectedSpiffeId: this.ownSpiffeId,
        refuseDevMaterial: config.env === 'production',
        onReloaded: hooks.onSvidReloaded,
        onReloadFailed: hooks.onSvidReloadFailed,
      }).watch();
      this.disposers.push(() => this.svids?.close());
    }
  }

  get mode() {
    return this.config.transport;
  }

  /** The SVID currently presented, when running mTLS. */
  currentSvid(): SvidMaterial | undefined {
    return this.svids?.current();
  }

  serverCredentials(): ServerCredentials {
    if (!this.svids) return ServerCredentials.createInsecure();
    const credentials = new MtlsServerCredentials(this.svids, this.hooks.onHandshake);
    this.disposers.push(() => credentials.dispose());
    return credentials;
  }

  /** One credentials object per target, so each target keeps one connection. */
  channelCredentials(target: ServiceName): ChannelCredentials {
    const cached = this.channels.get(target);
    if (cached) return cached;
    let credentials: ChannelCredentials;
    if (this.svids) {
      const mtls = new MtlsChannelCredentials(this.svids, spiffeIdOf(target, this.config.trustDomain), (reason) =>
        this.hooks.onServerRejected?.(target, reason),
      );
      this.disposers.push(() => mtls.dispose());
      credentials = mtls;
    } else {
      credentials = ChannelCredentials.createInsecure();
    }
    this.channels.set(target, credentials);
    return credentials;
  }

  /** In lab plaintext mode, callers announce themselves; nothing proves it. */
  decorateOutboundMetadata(metadata: Metadata): void {
    if (this.config.transport === 'plaintext') metadata.set(SELF_ASSERTED_CALLER_HEADER, this.ownSpiffeId);
  }

  peerIdentityGuard(): PeerIdentityGuard {
    return new PeerIdentityGuard(this.config.transport);
  }

  close(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
  }
}
