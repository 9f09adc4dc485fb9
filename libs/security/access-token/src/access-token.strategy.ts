import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { decodeProtectedHeader } from 'jose';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { readAccessTokenClaims, type AuthenticatedUser } from './access-token-claims';
import { ACCESS_TOKEN } from './access-token-profile';
import { AccessTokenRejection } from './access-token-rejection';
import type { JwksCache } from './jwks-cache';
import type { TokenDenylist } from './token-denylist';
import { VerificationOutage } from './verification-outage';

export interface AccessTokenStrategyOptions {
  readonly jwks: JwksCache;
  readonly denylist: TokenDenylist;
  /** False only in lab mode with `revocation` switched off. */
  readonly checkDenylist: boolean;
}

/** passport-jwt's key callback: pins the algorithm and typ, then looks the kid up. */
function keyProvider(jwks: JwksCache) {
  // jsonwebtoken accepts a KeyObject; passport-jwt's types only say string | Buffer.
  return (_request: unknown, rawToken: string, done: (error: unknown, key?: string) => void) => {
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      // Only to route to the right key: nothing in the header is trusted.
      header = decodeProtectedHeader(rawToken);
    } catch {
      return done(new AccessTokenRejection('AUTH.TOKEN_INVALID', 'malformed'));
    }
    if (header.alg !== ACCESS_TOKEN.algorithm) return done(new AccessTokenRejection('AUTH.ALGORITHM_NOT_ALLOWED', 'alg_not_allowed'));
    if (header.typ !== ACCESS_TOKEN.type) return done(new AccessTokenRejection('AUTH.TOKEN_INVALID', 'wrong_type'));
    if (typeof header.kid !== 'string') return done(new AccessTokenRejection('AUTH.UNKNOWN_KEY', 'no_kid'));
    jwks.keyFor(header.kid).then(
      (key) => (key ? done(null, key as unknown as string) : done(new AccessTokenRejection('AUTH.UNKNOWN_KEY', 'unknown_kid'))),
      (error: unknown) => done(error),
    );
  };
}

/**
 * Bearer validation at the gateway (@nestjs/passport + passport-jwt): the
 * signature against auth's JWKS by kid, with algorithm, issuer, audience and
 * expiry pinned; then the claims jsonwebtoken leaves alone (`iat`), then the
 * logout denylist. Scopes are checked per route.
 */
@Injectable()
export class AccessTokenStrategy extends PassportStrategy(Strategy, 'access-token') {
  constructor(private readonly options: AccessTokenStrategyOptions) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKeyProvider: keyProvider(options.jwks),
      algorithms: [ACCESS_TOKEN.algorithm],
      issuer: ACCESS_TOKEN.issuer,
      audience: ACCESS_TOKEN.audience,
      ignoreExpiration: false,
      jsonWebTokenOptions: { clockTolerance: ACCESS_TOKEN.clockToleranceSeconds, maxAge: `${ACCESS_TOKEN.lifetimeSeconds + 60}s` },
    });
  }

  async validate(payload: Record<string, unknown>): Promise<AuthenticatedUser> {
    const user = readAccessTokenClaims(payload);
    if (this.options.checkDenylist && (await this.isDenied(user.jti))) {
      throw new AccessTokenRejection('AUTH.TOKEN_REVOKED', 'revoked');
    }
    return user;
  }

  /** Fails closed, but as an outage: a denylist that does not answer says nothing about the token. */
  private async isDenied(jti: string): Promise<boolean> {
    try {
      return await this.options.denylist.isDenied(jti);
    } catch (error) {
      throw new VerificationOutage('denylist', error);
    }
  }
}
