import { ACCESS_TOKEN } from './access-token-profile';
import { AccessTokenRejection } from './access-token-rejection';

/** What a valid access token proves; becomes `req.user`. */
export interface AuthenticatedUser {
  readonly sub: string;
  readonly roles: string[];
  readonly scope: string[];
  readonly jti: string;
  /** Expiry (epoch seconds), so logout can bound the denylist entry. */
  readonly exp: number;
  /** The login session (refresh-token family), so logout can end it; absent in tokens issued before `sid` existed. */
  readonly sid?: string;
}

/**
 * The claim checks jsonwebtoken does not make, run after it verified the
 * signature, issuer, audience and expiry. Its `maxAge` measures age from
 * `iat`, so an `iat` in the future would stretch a token's life; and a
 * signed `exp` far beyond `iat` is not a token auth would issue.
 */
export function readAccessTokenClaims(payload: Record<string, unknown>, nowEpochSeconds = Date.now() / 1000): AuthenticatedUser {
  const { sub, jti, exp, iat, roles, scope, sid } = payload;
  if (typeof sub !== 'string' || typeof jti !== 'string' || typeof exp !== 'number' || typeof iat !== 'number' || !Array.isArray(roles) || typeof scope !== 'string') {
    throw new AccessTokenRejection('AUTH.TOKEN_INVALID', 'bad_claims');
  }
  if (sid !== undefined && typeof sid !== 'string') throw new AccessTokenRejection('AUTH.TOKEN_INVALID', 'bad_claims');
  if (iat > nowEpochSeconds + ACCESS_TOKEN.clockToleranceSeconds) throw new AccessTokenRejection('AUTH.TOKEN_INVALID', 'issued_in_future');
  if (exp - iat > ACCESS_TOKEN.lifetimeSeconds) throw new AccessTokenRejection('AUTH.TOKEN_INVALID', 'lifetime_too_long');
  return { sub, jti, exp, sid, roles: roles.filter((r): r is string => typeof r === 'string'), scope: scope.split(' ').filter(Boolean) };
}
