import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { ShopError, describeError, type ErrorCode } from '@shop/contracts';
import { requestContext, type Logger } from '@shop/observability';
import { AccessTokenRejection } from '@shop/security/access-token';
import type { Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, problemOf, type FieldProblem } from './problem';

/** Nest and Express errors that are the client's fault, by HTTP status. */
const HTTP_STATUS_CODES: Readonly<Record<number, ErrorCode>> = {
  400: 'REQUEST.VALIDATION_FAILED',
  404: 'REQUEST.NOT_FOUND',
  413: 'REQUEST.TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  429: 'REQUEST.RATE_LIMITED',
};

export class ValidationProblem extends ShopError {
  constructor(
    code: 'REQUEST.VALIDATION_FAILED' | 'REQUEST.UNKNOWN_FIELD',
    readonly fields: readonly FieldProblem[],
  ) {
    super(code);
  }
}

/**
 * Codes whose message describes the inside of the platform (SPIFFE ids,
 * passport claims, hop names) or a server fault: the client gets the code and
 * title, the log gets the rest. A compromised-hop probe learns nothing extra.
 */
const INTERNAL_CODE = /^(INTERNAL|UPSTREAM\.|PEER\.|PASSPORT\.)/;
function hidesDetail(code: ErrorCode): boolean {
  return INTERNAL_CODE.test(code) || describeError(code).http >= 500;
}

/**
 * Every error leaves the gateway as application/problem+json with a stable
 * code and the request id. Unknown errors become INTERNAL; their details
 * go to the log only.
 */
/** Retry-After on a 503 that did not say when: a restarted service is usually back within a second or two. */
const DEFAULT_RETRY_AFTER_SECONDS = '2';

@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const { code, detail, extras } = this.classify(exception);
    const problem = problemOf(code, {
      detail,
      instance: request.originalUrl?.split('?')[0],
      requestId: requestContext.current()?.requestId,
      ...extras,
    });
    if (problem.status >= 500) this.logger.error({ err: exception }, 'request failed');
    if (response.headersSent) return;
    // An outage is temporary: tell clients when to come back, whatever said so (or nothing did).
    const retryAfter = (exception instanceof ShopError ? exception.details['retry-after'] : undefined) ?? (problem.status === 503 ? DEFAULT_RETRY_AFTER_SECONDS : undefined);
    if (retryAfter && /^\d{1,6}$/.test(retryAfter)) response.setHeader('Retry-After', retryAfter);
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private classify(exception: unknown): { code: ErrorCode; detail?: string; extras?: Record<string, unknown> } {
    if (exception instanceof ValidationProblem) return { code: exception.code, extras: { errors: exception.fields } };
    if (exception instanceof ShopError) {
      const extras: Record<string, unknown> = {};
      // Extras clients may rely on; anything else in details stays internal.
      if (exception.details['order-id']) extras['orderId'] = exception.details['order-id'];
      return { code: exception.code, detail: hidesDetail(exception.code) ? undefined : exception.message, extras };
    }
    if (exception instanceof AccessTokenRejection) return { code: exception.code };
    if (exception instanceof ThrottlerException) return { code: 'REQUEST.RATE_LIMITED' };
    if (exception instanceof HttpException) {
      return { code: HTTP_STATUS_CODES[exception.getStatus()] ?? (exception.getStatus() < 500 ? 'REQUEST.VALIDATION_FAILED' : 'INTERNAL') };
    }
    return { code: 'INTERNAL' };
  }
}
