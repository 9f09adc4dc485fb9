import { acceptOrCreateRequestId, continueTrace, requestContext, type RequestContext } from '@shop/observability';
import type { NextFunction, Request, Response } from 'express';

/**
 * First thing on every request: accept a well-formed X-Request-ID (or make
 * one), echo it, continue the caller's trace, and run the rest of the request
 * inside a request context, which logs, security events and outbound gRPC
 * calls all read.
 */
export function requestContextMiddleware(request: Request, response: Response, next: NextFunction): void {
  const requestId = acceptOrCreateRequestId(request.headers['x-request-id']);
  (request as Request & { id: string }).id = requestId;
  response.setHeader('X-Request-ID', requestId);
  const context: RequestContext = {
    requestId,
    traceparent: continueTrace(typeof request.headers.traceparent === 'string' ? request.headers.traceparent : undefined),
    clientIp: request.socket.remoteAddress,
    endUserIp: request.socket.remoteAddress,
    operation: `${request.method} ${request.path}`,
  };
  requestContext.run(context, next);
}
