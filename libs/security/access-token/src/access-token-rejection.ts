import type { ErrorCode } from '@shop/contracts';

/** Why a bearer token was refused, with the stable code the client gets. */
export class AccessTokenRejection extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Short machine reason for security events and metrics. */
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'AccessTokenRejection';
  }
}

/**
 * Maps what passport-jwt / jsonwebtoken report into a rejection. Their error
 * messages are the only signal they give; each mapping is pinned by a test.
 */
export function classifyTokenFailure(info: unknown): AccessTokenRejection {
  if (info instanceof AccessTokenRejection) return info;
  const error = info as { name?: string; message?: string } | undefined;
  const message = error?.message ?? '';
  if (error?.name === 'TokenExpiredError') return new AccessTokenRejection('AUTH.TOKEN_EXPIRED', 'expired');
  if (message === 'No auth token') return new AccessTokenRejection('AUTH.TOKEN_MISSING', 'missing');
  if (message === 'invalid algorithm') return new AccessTokenRejection('AUTH.ALGORITHM_NOT_ALLOWED', 'alg_not_allowed');
  if (message.startsWith('jwt audience invalid')) return new AccessTokenRejection('AUTH.WRONG_AUDIENCE', 'wrong_audience');
  if (message.startsWith('jwt issuer invalid')) return new AccessTokenRejection('AUTH.WRONG_ISSUER', 'wrong_issuer');
  if (message === 'invalid signature') return new AccessTokenRejection('AUTH.TOKEN_INVALID', 'bad_signature');
  if (message === 'jwt malformed' || message === 'invalid token') return new AccessTokenRejection('AUTH.TOKEN_INVALID', 'malformed');
  return new AccessTokenRejection('AUTH.TOKEN_INVALID', 'invalid');
}
