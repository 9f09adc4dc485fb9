import type { Server } from 'node:https';

/** In-flight requests get this long to finish once the gateway is told to stop. */
export const DRAIN_BOUND_MS = 10_000;

/**
 * Stops accepting, lets in-flight requests finish, and never waits longer
 * than `boundMs`. `server.close()` only refuses new connections; idle
 * keep-alive sockets would otherwise hold the process for up to the
 * keep-alive timeout (65 s), so they are closed now, and any connection
 * that turns idle while draining is closed as soon as it does.
 */
export function drainHttpServer(server: Server, boundMs = DRAIN_BOUND_MS): Promise<void> {
  return new Promise((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    const bound = setTimeout(() => server.closeAllConnections(), boundMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(bound);
      resolve();
    });
    server.closeIdleConnections();
  });
}
