import { ShopError } from '@shop/contracts';
import type { CallGuard, InboundCall } from '@shop/grpc';
import type { SecurityEvents } from '@shop/security/audit';
import { policiesOf, spiffeIdOf, type ServiceName } from '@shop/topology';

export interface PeerAuthorizationOptions {
  readonly server: ServiceName;
  readonly trustDomain: string;
  /** False only in lab mode with `peer-authz` switched off. */
  readonly enforced: boolean;
  readonly events: SecurityEvents;
}

/**
 * The per-RPC caller allow-list, derived from the topology: a call proceeds
 * only when the peer identity established by the transport is listed for
 * this exact RPC. Unknown RPCs, unknown callers and callers without a valid
 * identity are all refused with PERMISSION_DENIED and a `peer_denied` event.
 */
export class PeerAuthorizationGuard implements CallGuard {
  readonly name = 'peer-authz';
  /** RPC path -> SPIFFE IDs allowed to call it. Built once; looked up per call. */
  private readonly allowList: ReadonlyMap<string, ReadonlySet<string>>;

  constructor(private readonly options: PeerAuthorizationOptions) {
    this.allowList = new Map(
      policiesOf(options.server).map((policy) => [
        policy.path,
        new Set(policy.callers.map((caller) => spiffeIdOf(caller, options.trustDomain))),
      ]),
    );
  }

  admit(inbound: InboundCall): void {
    const peer = inbound.context.peer;
    const allowed = this.allowList.get(inbound.path);
    if (peer && allowed?.has(peer)) return;
    if (!this.options.enforced) return;
    const reason = !allowed ? 'unknown_rpc' : (inbound.peerProblem ?? (peer ? 'not_allowed' : 'no_identity'));
    this.options.events.emit('peer_denied', { reason, detail: { rpc: inbound.path } });
    throw new ShopError('PEER.DENIED', `caller ${peer ?? '(no valid identity)'} may not call ${inbound.path}`);
  }
}
