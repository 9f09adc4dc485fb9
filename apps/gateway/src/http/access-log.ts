import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * pino-http settings for the access log: one line per request with the
 * request id pino-http takes from our correlation middleware. Requests are
 * logged by method, path and peer only: no headers, no bodies, no tokens.
 */
export const ACCESS_LOG = {
  genReqId: (request: IncomingMessage) => (request as IncomingMessage & { id: string }).id,
  serializers: {
    req: (request: IncomingMessage & { id?: string; socket: { remoteAddress?: string } }) => ({
      id: request.id,
      method: request.method,
      url: request.url?.split('?')[0],
      remoteAddress: request.socket?.remoteAddress,
    }),
    res: (response: ServerResponse) => ({ statusCode: response.statusCode }),
  },
  customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
    error || response.statusCode >= 500 ? ('error' as const) : response.statusCode >= 400 ? ('warn' as const) : ('info' as const),
  quietReqLogger: true,
};
