import { json, type ErrorRequestHandler, type RequestHandler } from 'express';
import type { ErrorCode } from '@shop/contracts';
import { PROBLEM_CONTENT_TYPE, problemOf } from './problem';

/** body-parser error types and the stable code each becomes. */
const PARSER_ERRORS: Readonly<Record<string, ErrorCode>> = {
  'entity.parse.failed': 'REQUEST.MALFORMED_JSON',
  'entity.too.large': 'REQUEST.TOO_LARGE',
  'encoding.unsupported': 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  'charset.unsupported': 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
};

/**
 * JSON bodies, bounded: strict (objects and arrays only) and at most `limit`.
 * Parser failures are answered here, as problem+json with their own code,
 * before Nest would fold them into a generic 400.
 */
export function jsonBody(limit: string): [RequestHandler, ErrorRequestHandler] {
  const onError: ErrorRequestHandler = (error: { type?: string }, request, response, next) => {
    const code = error?.type ? PARSER_ERRORS[error.type] : undefined;
    if (!code) return next(error);
    const problem = problemOf(code, { instance: request.path, requestId: (request as typeof request & { id?: string }).id });
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  };
  return [json({ limit, strict: true }), onError];
}
