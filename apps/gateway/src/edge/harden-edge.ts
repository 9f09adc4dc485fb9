import type { EdgeSettings } from '@shop/config';
import type { Server } from 'node:https';
import { limitConnections } from './connection-limits';
import { edgeServerOptions, type EdgeServerOptions } from './edge-server-options';
import { answerFramingErrors } from './framing-errors';

/** What the gateway did before issue 14, kept for the lab switch `edge-limits` off. */
const UNHARDENED: EdgeServerOptions = { headersTimeout: 10_000, requestTimeout: 15_000, keepAliveTimeout: 65_000 };

/** Options for `https.createServer`: the edge's timeouts, or (lab switch off) the old ones. */
export function edgeOptions(edge: EdgeSettings, enforced: boolean): EdgeServerOptions {
  return enforced ? edgeServerOptions(edge) : UNHARDENED;
}

/**
 * Everything the public listener does before Express sees a request:
 * connection caps, the silent-connection timer, problem+json for Node's
 * own refusals. Framing errors are answered in either lab setting: that is
 * error hygiene, not a limit.
 */
export function hardenEdge(server: Server, edge: EdgeSettings, enforced: boolean): void {
  answerFramingErrors(server);
  if (enforced) limitConnections(server, edge);
}
