import type { Metadata, ServerUnaryCall } from '@grpc/grpc-js';
import type { RequestContext } from '@shop/observability';

/** An inbound RPC as the call guards see it, before any handler runs. */
export interface InboundCall {
  /** `/shop.payment.v1.PaymentService/Charge` */
  readonly path: string;
  readonly metadata: Metadata;
  /** The grpc-js call: the TLS peer certificate is reachable from here. */
  readonly call: ServerUnaryCall<unknown, unknown>;
  /** Guards fill in `peer`, `principal` and `passport` as they admit the call. */
  readonly context: RequestContext;
  /**
   * Why no caller identity could be established (e.g. `multiple_uri_sans`),
   * for the authorization guard to report when it refuses the call.
   */
  peerProblem?: string;
}

/**
 * One security decision taken on every inbound call (peer identity, peer
 * authorization, passport...). A guard admits by returning and refuses by
 * throwing a ShopError. Guards run in the order given, before the handler.
 */
export interface CallGuard {
  readonly name: string;
  admit(call: InboundCall): void | Promise<void>;
}
