import type { NextFunction, Request, Response } from 'express';
import { CapPerKey } from '../edge/address-caps';
import { PROBLEM_CONTENT_TYPE, problemOf } from './problem';

/**
 * Caps requests in flight (OWASP API4): past the cap, new requests get a
 * fast 503 instead of queueing until everything times out. Mounted after
 * the body parser, so a slot is only taken by a request that has fully
 * arrived: bodies that never finish cannot fill the slots (issue 14).
 */
export function concurrencyLimitMiddleware(maxInFlight: number) {
  const slots = new CapPerKey(maxInFlight);
  return (request: Request, response: Response, next: NextFunction): void => {
    const release = slots.take('gateway');
    if (!release) {
      const problem = problemOf('UPSTREAM.UNAVAILABLE', { detail: 'the gateway is at capacity; retry shortly', requestId: (request as Request & { id?: string }).id });
      response.status(503).setHeader('Retry-After', '1');
      response.type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
      return;
    }
    response.once('finish', release);
    response.once('close', release);
    next();
  };
}
