import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Principal } from '@shop/contracts';
import { continueTrace } from './correlation';

/**
 * What every log line, security event and outbound call needs to know about
 * the request being served. One store per HTTP request or inbound RPC.
 */
export interface RequestContext {
  readonly requestId: string;
  /** W3C traceparent of this hop (a new span id, the caller's trace id). */
  readonly traceparent: string;
  /** The transport peer of this hop (for a gRPC server: the calling workload's address). */
  readonly clientIp?: string;
  /**
   * The end user's address, from the gateway's socket, relayed by every hop.
   * Audit data only: never used for a security decision downstream.
   */
  readonly endUserIp?: string;
  /** Epoch ms by which the caller needs an answer; outbound calls inherit it. */
  readonly deadline?: number;
  /** SPIFFE ID of the calling workload (gRPC servers only). */
  peer?: string;
  /** The RPC path or HTTP route being served. */
  operation?: string;
  /** Set once the passport (or, at the gateway, the access token) is verified. */
  principal?: Principal;
  /** The passport exactly as received or minted; forwarded unchanged downstream. */
  passport?: string;
  /**
   * The compensation passport of a checkout (gateway -> order on PlaceOrder
   * only), verified and bound to the same user and order. Never forwarded
   * implicitly: order stores it with the PENDING order.
   */
  compensationPassport?: string;
  /** Lab mode with `passport-binding` off only: handlers skip the order binding check. */
  passportBindingWaived?: boolean;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(context: RequestContext, fn: () => T): T {
    return storage.run(context, fn);
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
  /**
   * Runs fn in the current context but without the caller's deadline, so its
   * outbound calls get their own default one. For clean-up that must happen
   * even after the caller gave up (saga compensation): a release or refund
   * sent with an already-expired deadline would never reach the service.
   */
  withoutDeadline<T>(fn: () => T): T {
    const current = storage.getStore();
    return current ? storage.run({ ...current, deadline: undefined }, fn) : fn();
  },
  /**
   * Runs fn with `passport` as the one its outbound calls carry, and no
   * deadline (like withoutDeadline). For undoing a checkout with its
   * compensation passport, inside a request or from saga recovery, which has
   * no request of its own (it then gets a fresh request id and trace).
   */
  withPassport<T>(passport: string, fn: () => T): T {
    const current = storage.getStore() ?? { requestId: randomUUID(), traceparent: continueTrace(undefined) };
    return storage.run({ ...current, deadline: undefined, passport }, fn);
  },
};
