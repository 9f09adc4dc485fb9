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
  // Everything that reaches this handler is answered as problem+json: left to
  // Express's default handler, an aborted or mis-sized body would get an HTML page.
  const onError: ErrorRequestHandler = (error: { type?: string; status?: number }, request, response, next) => {
    if (response.headersSent) return next(error);
    const clientFault = typeof error?.status === 'number' && error.status >= 400 && error.status < 500;
    const code = (error?.type ? PARSER_ERRORS[error.type] : undefined) ?? (clientFault ? 'REQUEST.MALFORMED_JSON' : 'INTERNAL');
    const problem = problemOf(code, { instance: request.path, requestId: (request as typeof request & { id?: string }).id });
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  };
  return [json({ limit, strict: true }), onError];
}
