import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { describeError, type ErrorCode } from '@shop/contracts';
import { PROBLEM_CONTENT_TYPE } from './problem';

export class FieldProblemSchema {
  @ApiProperty() field: string;
  @ApiProperty({ type: [String] }) problems: string[];
}

/** RFC 9457 problem details as the gateway sends them (see problem.ts). */
export class ProblemSchema {
  @ApiProperty({ example: 'urn:shop:problem:ORDER.NOT_FOUND' }) type: string;
  @ApiProperty() title: string;
  @ApiProperty() status: number;
  @ApiProperty({ description: 'Stable error code; clients match on it' }) code: string;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional() instance?: string;
  @ApiPropertyOptional() requestId?: string;
  @ApiPropertyOptional({ type: [FieldProblemSchema] }) errors?: FieldProblemSchema[];
}

/**
 * Every route can answer these, whatever it does: the per-IP rate limit, a
 * downstream that is down or slow, and an internal error.
 */
const ANY_ROUTE: readonly ErrorCode[] = ['REQUEST.RATE_LIMITED', 'UPSTREAM.UNAVAILABLE', 'UPSTREAM.TIMEOUT', 'INTERNAL'];

/**
 * Documents a route's problem+json answers, one response per HTTP status
 * with the codes it carries, taken from the error catalogue so the status
 * shown is the status sent.
 */
export function ApiProblems(...codes: ErrorCode[]) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set([...codes, ...ANY_ROUTE])) {
    const status = describeError(code).http;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return applyDecorators(
    ApiExtraModels(ProblemSchema, FieldProblemSchema),
    ...[...byStatus].map(([status, statusCodes]) =>
      ApiResponse({
        status,
        description: statusCodes.map((code) => `\`${code}\`: ${describeError(code).title}`).join('; '),
        content: {
          [PROBLEM_CONTENT_TYPE]: {
            schema: { allOf: [{ $ref: getSchemaPath(ProblemSchema) }, { type: 'object', properties: { code: { type: 'string', enum: statusCodes }, status: { type: 'integer', enum: [status] } } }] },
          },
        },
      }),
    ),
  );
}

/** Problems of the body parsing and validation every JSON route shares. */
export const BODY_PROBLEMS: readonly ErrorCode[] = ['REQUEST.VALIDATION_FAILED', 'REQUEST.UNKNOWN_FIELD', 'REQUEST.MALFORMED_JSON', 'REQUEST.TOO_LARGE', 'REQUEST.UNSUPPORTED_MEDIA_TYPE'];

/** Problems of the bearer-token check (see security/), added by @Authenticated. */
export const TOKEN_PROBLEMS: readonly ErrorCode[] = [
  'AUTH.TOKEN_MISSING',
  'AUTH.TOKEN_INVALID',
  'AUTH.TOKEN_EXPIRED',
  'AUTH.TOKEN_REVOKED',
  'AUTH.ALGORITHM_NOT_ALLOWED',
  'AUTH.UNKNOWN_KEY',
  'AUTH.WRONG_AUDIENCE',
  'AUTH.WRONG_ISSUER',
];
