import { PROBLEM_CONTENT_TYPE, problemOf } from './problem';
import type { NextFunction, Request, Response } from 'express';

/**
 * Caps requests in flight (OWASP API4): past the cap, new requests get a
 * fast 503 instead of queueing until everything times out.
 */
export function concurrencyLimitMiddleware(maxInFlight: number) {
  let inFlight = 0;
  return (request: Request, response: Response, next: NextFunction): void => {
    if (inFlight >= maxInFlight) {
      const problem = problemOf('UPSTREAM.UNAVAILABLE', { detail: 'the gateway is at capacity; retry shortly', requestId: (request as Request & { id?: string }).id });
      response.status(503).setHeader('Retry-After', '1');
      response.type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
      return;
    }
    inFlight++;
    let released = false;
    const release = () => {
      if (!released) {
        released = true;
        inFlight--;
      }
    };
    response.once('finish', release);
    response.once('close', release);
    next();
  };
}
