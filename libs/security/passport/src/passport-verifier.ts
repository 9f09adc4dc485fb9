import { createLocalJWKSet, decodeJwt, jwtVerify, type JWTPayload } from 'jose';
import { isUuid, type Principal } from '@shop/contracts';
import { SECRET_FILES, readJwkSet, type SecretFiles } from '@shop/security/secrets';
import { ORDER_BOUND_OPERATIONS, isOperation } from '@shop/topology';
import { PassportShapeError } from './passport-errors';
import { PASSPORT, lifetimeOf, passportIssuer } from './passport-profile';

type PassportPayload = JWTPayload & { roles?: unknown; scope?: unknown; op?: unknown; order_id?: unknown };

function principalFrom(payload: PassportPayload): Principal {
  const { sub, jti, roles, scope, op, order_id: orderId } = payload;
  if (!isUuid(sub)) throw new PassportShapeError('sub is not a user id');
  if (typeof jti !== 'string' || jti === '') throw new PassportShapeError('jti missing');
  if (!Array.isArray(roles) || !roles.every((r) => typeof r === 'string')) throw new PassportShapeError('roles missing');
  if (typeof scope !== 'string') throw new PassportShapeError('scope missing');
  if (!isOperation(op)) throw new PassportShapeError('op missing or unknown');
  if (orderId !== undefined && !isUuid(orderId)) throw new PassportShapeError('order_id is not an order id');
  if (ORDER_BOUND_OPERATIONS.includes(op) && orderId === undefined) throw new PassportShapeError(`${op} needs an order_id`);
  const bound = orderId === undefined ? {} : { orderId: orderId.toLowerCase() };
  return { sub, jti, roles: roles as string[], scope: scope.split(' ').filter(Boolean), op, ...bound };
}

/**
 * A passport may not claim a longer life than its operation gets, even one
 * the gateway signed: `exp - iat` is checked against the profile.
 */
function checkLifetime({ iat, exp, op }: PassportPayload): void {
  if (isOperation(op) && typeof iat === 'number' && typeof exp === 'number' && exp - iat > lifetimeOf(op)) {
    throw new PassportShapeError('exp - iat exceeds the lifetime of its operation', 'lifetime_too_long');
  }
}

/** The maximum age to enforce: by the operation the token claims (re-checked after verification). */
function maxAgeFor(token: string): number {
  try {
    const { op } = decodeJwt(token);
    return isOperation(op) ? lifetimeOf(op) : PASSPORT.maxAgeSeconds;
  } catch {
    return PASSPORT.maxAgeSeconds; // jwtVerify reports the malformed token
  }
}

/**
 * Verifies passports on every hop with everything pinned: algorithm, issuer,
 * audience, `typ`, maximum age and clock tolerance. Keys come from the
 * gateway's public JWKS by `kid`; during a rotation the file holds both keys.
 */
export class PassportVerifier {
  private keys!: ReturnType<typeof createLocalJWKSet>;
  private trusted: readonly string[] = [];
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

  /** The kids this verifier trusts now: logged on reload, so a rotation can wait for every hop. */
  get kids(): readonly string[] {
    return this.trusted;
  }

  watch(onError: (error: Error) => void, onReloaded: (kids: readonly string[]) => void = () => undefined): this {
    this.stopWatching = this.files.watch([SECRET_FILES.passportVerifyKeys], () => {
      try {
        this.loadKeys();
      } catch (error) {
        onError(error as Error);
        return;
      }
      onReloaded(this.trusted);
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
    this.trusted = keys.map((k) => k.kid);
  }

  async verify(token: string): Promise<Principal> {
    const { payload } = await jwtVerify<PassportPayload>(token, this.keys, {
      algorithms: [PASSPORT.algorithm],
      issuer: this.issuer,
      audience: PASSPORT.audience,
      typ: PASSPORT.type,
      maxTokenAge: `${maxAgeFor(token)}s`,
      clockTolerance: PASSPORT.clockToleranceSeconds,
      requiredClaims: ['sub', 'jti', 'iat', 'exp'],
    });
    const principal = principalFrom(payload);
    checkLifetime(payload);
    return principal;
  }

  /**
   * LAB MODE ONLY (`passport` switched off): reads the claims WITHOUT any
   * validation, which is exactly the mistake the lab demonstrates.
   */
  decodeWithoutVerification(token: string): Principal {
    return principalFrom(decodeJwt(token));
  }
}
