import { describeError, type ErrorCode } from '@shop/contracts';

export interface FieldProblem {
  readonly field: string;
  readonly problems: readonly string[];
}

/**
 * RFC 9457 problem details. `code` is the stable, documented identifier
 * clients match on; `requestId` joins the answer to the server's logs.
 * Never a stack trace, never internal detail.
 */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: ErrorCode;
  readonly detail?: string;
  readonly instance?: string;
  readonly requestId?: string;
  readonly errors?: readonly FieldProblem[];
  readonly [extension: string]: unknown;
}

export function problemOf(code: ErrorCode, extras: Partial<Omit<Problem, 'code' | 'status' | 'title' | 'type'>> = {}): Problem {
  const info = describeError(code);
  return { type: `urn:shop:problem:${code}`, title: info.title, status: info.http, code, ...extras };
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
