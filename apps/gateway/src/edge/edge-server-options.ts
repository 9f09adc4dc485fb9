import type { EdgeSettings } from '@shop/config';
import type { ServerOptions } from 'node:https';

/** The timeout part of `https.ServerOptions` (Nest's own HttpsOptions type does not list them). */
export type EdgeServerOptions = Pick<ServerOptions, 'handshakeTimeout' | 'headersTimeout' | 'requestTimeout' | 'keepAliveTimeout' | 'connectionsCheckingInterval'>;

/**
 * Timeouts Node enforces itself, passed at creation because
 * `connectionsCheckingInterval` cannot be changed later. Node checks header
 * and request timeouts only every `connectionsCheckingInterval` (30 s by
 * default), which is why a slow body used to live 30-39 s instead of 15.
 */
export function edgeServerOptions(edge: EdgeSettings): EdgeServerOptions {
  return {
    handshakeTimeout: edge.handshakeTimeoutMs,
    headersTimeout: edge.headersTimeoutMs,
    requestTimeout: edge.requestTimeoutMs,
    keepAliveTimeout: edge.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(edge.headersTimeoutMs / 4))),
  };
}
