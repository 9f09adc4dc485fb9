import type { NextFunction, Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, problemOf } from '../http/problem';
import { CapPerKey, addressOf } from './address-caps';

/**
 * Caps requests in flight per client address, counted from the moment the
 * headers arrive (a request whose body never ends counts too). One address
 * can then never take the gateway's shared concurrency slots for itself,
 * and its excess is refused at once rather than queued.
 */
export function inFlightPerAddressMiddleware(cap: number) {
  const inFlight = new CapPerKey(cap);
  return (request: Request, response: Response, next: NextFunction): void => {
    const release = inFlight.take(addressOf(request.socket));
    if (!release) {
      const problem = problemOf('REQUEST.TOO_MANY_IN_FLIGHT', { instance: request.path, requestId: (request as Request & { id?: string }).id });
      // The unread body makes the connection unusable for a next request.
      response.status(problem.status).setHeader('Retry-After', '1');
      response.setHeader('Connection', 'close');
      response.type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
      return;
    }
    response.once('finish', release);
    response.once('close', release);
    next();
  };
}
