import { createLocalJWKSet, decodeJwt, jwtVerify, type JWTPayload } from 'jose';
import { isUuid, type Principal } from '@shop/contracts';
import { SECRET_FILES, readJwkSet, type SecretFiles } from '@shop/security/secrets';
import { PassportShapeError } from './passport-errors';
import { PASSPORT, passportIssuer } from './passport-profile';


function principalFrom(payload: JWTPayload): Principal {
  const { sub, jti, roles, scope } = payload as JWTPayload & { roles?: unknown; scope?: unknown };
  if (!isUuid(sub)) throw new PassportShapeError('sub is not a user id');
  if (typeof jti !== 'string' || jti === '') throw new PassportShapeError('jti missing');
  if (!Array.isArray(roles) || !roles.every((r) => typeof r === 'string')) throw new PassportShapeError('roles missing');
  if (typeof scope !== 'string') throw new PassportShapeError('scope missing');
  return { sub, jti, roles: roles as string[], scope: scope.split(' ').filter(Boolean) };
}

/**
 * Verifies passports on every hop with everything pinned: algorithm, issuer,
 * audience, `typ`, maximum age and clock tolerance. Keys come from the
 * gateway's public JWKS by `kid`; during a rotation the file holds both keys.
 */
export class PassportVerifier {
  private keys!: ReturnType<typeof createLocalJWKSet>;
  private stopWatching?: () => void;
  private readonly issuer: string;

  constructor(
    private readonly files: SecretFiles,
    trustDomain: string,
    private readonly refuseDevMaterial: boolean,
  ) {
    this.issuer = passportIssuer(trustDomain);
    this.loadKeys();
  }

  watch(onError: (error: Error) => void): this {
    this.stopWatching = this.files.watch([SECRET_FILES.passportVerifyKeys], () => {
      try {
        this.loadKeys();
      } catch (error) {
        onError(error as Error);
      }
    });
    return this;
  }

  close(): void {
    this.stopWatching?.();
  }

  private loadKeys(): void {
    const keys = readJwkSet(this.files, SECRET_FILES.passportVerifyKeys, {
      kind: 'public',
      refuseDevMaterial: this.refuseDevMaterial,
    });
    this.keys = createLocalJWKSet({ keys: keys.map((k) => ({ ...k })) });
  }

  async verify(token: string): Promise<Principal> {
    const { payload } = await jwtVerify(token, this.keys, {
      algorithms: [PASSPORT.algorithm],
      issuer: this.issuer,
      audience: PASSPORT.audience,
      typ: PASSPORT.type,
      maxTokenAge: `${PASSPORT.maxAgeSeconds}s`,
      clockTolerance: PASSPORT.clockToleranceSeconds,
      requiredClaims: ['sub', 'jti', 'iat', 'exp'],
    });
    return principalFrom(payload);
  }

  /**
   * LAB MODE ONLY (`passport` switched off): reads the claims WITHOUT any
   * validation, which is exactly the mistake the lab demonstrates.
   */
  decodeWithoutVerification(token: string): Principal {
    return principalFrom(decodeJwt(token));
  }
}
