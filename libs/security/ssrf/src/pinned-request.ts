import http = require('node:http');
import https = require('node:https');
import type { IncomingMessage } from 'node:http';
import { isIpLiteral } from './address-policy';
import type { Destination } from './destination-check';

export interface PinnedRequestOptions {
  readonly signal: AbortSignal;
  readonly accept: string;
  /** Extra trust anchors for https (tests); the system's CAs otherwise. */
  readonly trustedCa?: string | Buffer;
}

/**
 * One GET to the checked address itself. `host` is the IP literal, so Node
 * connects without resolving anything; the name only travels in the Host
 * header and, for https, as SNI and the name the certificate is checked
 * against. No connection pool (`agent: false`): nothing is reused across
 * hops or imports. No Accept-Encoding: the bytes counted are the bytes kept.
 */
export function requestPinned(destination: Destination, options: PinnedRequestOptions): Promise<IncomingMessage> {
  const secure = destination.url.protocol === 'https:';
  const guardedOptions: https.RequestOptions = {
    method: 'GET',
    host: destination.address,
    family: destination.family,
    port: destination.port,
    path: `${destination.url.pathname}${destination.url.search}`,
    headers: {
      host: destination.url.host,
      accept: options.accept,
      'accept-encoding': 'identity',
      'user-agent': 'hardened-shop-image-import/1',
    },
    agent: false,
    signal: options.signal,
    maxHeaderSize: 16 * 1024,
    ...(secure ? { servername: isIpLiteral(destination.hostname) ? undefined : destination.hostname, ca: options.trustedCa } : {}),
  };
  const transport = secure ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(guardedOptions, resolve);
    request.once('error', reject);
    request.end();
  });
}
