import type { EdgeSettings } from '@shop/config';
import type { Socket } from 'node:net';
import type { Server } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { CapPerKey, addressOf } from './address-caps';
import { refuseOnSocket } from './framing-errors';

/**
 * Caps connections per client address and in total, and closes a
 * connection that never sends a request. TCP connections over the cap are
 * dropped before the TLS handshake, the expensive part. Node's
 * `headersTimeout` only starts once a request's first byte arrives, so a
 * TLS connection that stays silent needs its own timer: the first request's
 * headers must be complete within `headersTimeoutMs` of the handshake, or
 * the connection gets 408 and is closed.
 */
export function limitConnections(server: Server, edge: EdgeSettings): void {
  server.maxConnections = edge.maxConnections;
  const perAddress = new CapPerKey(edge.maxConnectionsPerAddress);
  server.on('connection', (socket: Socket) => {
    const release = perAddress.take(addressOf(socket));
    if (!release) {
      socket.destroy();
      return;
    }
    socket.once('close', release);
  });

  const silent = new WeakMap<Socket, NodeJS.Timeout>();
  server.on('secureConnection', (socket: Socket) => {
    const timer = setTimeout(() => refuseOnSocket(socket, 'REQUEST.TIMEOUT'), edge.headersTimeoutMs);
    timer.unref();
    silent.set(socket, timer);
    socket.once('close', () => clearTimeout(timer));
  });
  server.on('request', (request: IncomingMessage) => {
    clearTimeout(silent.get(request.socket as Socket));
  });
}
