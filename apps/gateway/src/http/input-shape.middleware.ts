import type { NextFunction, Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, problemOf } from './problem';
import { inputShapeProblem } from './input-shape';

/**
 * The one place every route's input passes before any DTO code runs:
 * after the JSON parser, before Nest's pipes (class-transformer recurses
 * and overflows on deep input). Checks the body and the query string.
 */
export function inputShapeMiddleware(request: Request, response: Response, next: NextFunction): void {
  const code = inputShapeProblem(request.body) ?? inputShapeProblem(request.query);
  if (!code) return next();
  const problem = problemOf(code, { instance: request.path, requestId: (request as Request & { id?: string }).id });
  response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
