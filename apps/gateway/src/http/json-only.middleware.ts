import type { NextFunction, Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, problemOf } from './problem';

/** Bodies are JSON or nothing: anything else is 415, not a silently empty body. */
export function jsonOnlyMiddleware(request: Request, response: Response, next: NextFunction): void {
  const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  if (hasBody && !request.is('application/json')) {
    const problem = problemOf('REQUEST.UNSUPPORTED_MEDIA_TYPE', { instance: request.path, requestId: (request as Request & { id?: string }).id });
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
    return;
  }
  next();
}
