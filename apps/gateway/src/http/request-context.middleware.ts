import { acceptOrCreateRequestId, requestContext, type HopTracer, type RequestContext } from '@shop/observability';
import type { NextFunction, Request, Response } from 'express';
import { routeTemplateOf } from './route-template';

/**
 * First thing on every request: accept a well-formed X-Request-ID (or make
 * one), echo it, continue the caller's W3C trace (or start one) as this
 * request's server span, and run the rest of the request inside a request
 * context, which logs, security events and outbound gRPC calls all read.
 */
export function requestContextMiddleware(tracer: HopTracer) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const requestId = acceptOrCreateRequestId(request.headers['x-request-id']);
    (request as Request & { id: string }).id = requestId;
    response.setHeader('X-Request-ID', requestId);
    const hop = tracer.serverHop({
      name: request.method,
      parent: typeof request.headers.traceparent === 'string' ? request.headers.traceparent : undefined,
      attributes: tracer.exporting ? { 'http.request.method': request.method } : undefined,
    });
    if (tracer.exporting) {
      response.once('finish', () => {
        const route = routeTemplateOf(request);
        hop.end({
          status: String(response.statusCode),
          error: response.statusCode >= 500,
          name: `${request.method} ${route}`,
          attributes: { 'http.route': route, 'http.response.status_code': response.statusCode },
        });
      });
    }
    const context: RequestContext = {
      requestId,
      traceparent: hop.traceparent,
      clientIp: request.socket.remoteAddress,
      endUserIp: request.socket.remoteAddress,
      operation: `${request.method} ${request.path}`,
    };
    requestContext.run(context, next);
  };
}
