import { randomUUID } from 'node:crypto';
import { SignJWT, importJWK } from 'jose';
import { SECRET_FILES, publicJwks, readJwkSet, type EcJwk, type SecretFiles } from '@shop/security/secrets';
import { ACCESS_TOKEN } from './access-token-profile';

export interface IssuedAccessToken {
  readonly token: string;
  readonly jti: string;
  readonly expiresIn: number;
}

/**
 * Signs access tokens in auth. The first key of the set signs; every key in
 * the set is published in the JWKS, so a rotation never breaks live tokens.
 */
export class AccessTokenIssuer {
  private keys: EcJwk[] = [];
  private signingKey!: Awaited<ReturnType<typeof importJWK>>;
  private stopWatching?: () => void;

  private constructor(
    private readonly files: SecretFiles,
    private readonly refuseDevMaterial: boolean,
  ) {}

  static async create(files: SecretFiles, refuseDevMaterial: boolean): Promise<AccessTokenIssuer> {
    const issuer = new AccessTokenIssuer(files, refuseDevMaterial);
    await issuer.load();
    return issuer;
  }

  watch(onError: (error: Error) => void): this {
    this.stopWatching = this.files.watch([SECRET_FILES.accessTokenKeys], () => void this.load().catch(onError));
    return this;
  }

  close(): void {
    this.stopWatching?.();
  }

  private async load(): Promise<void> {
    const keys = readJwkSet(this.files, SECRET_FILES.accessTokenKeys, { kind: 'private', refuseDevMaterial: this.refuseDevMaterial });
    this.signingKey = await importJWK({ ...keys[0] }, ACCESS_TOKEN.algorithm);
    this.keys = keys;
  }

  /** The public half of every key, for GET /.well-known/jwks.json. */
  jwks(): EcJwk[] {
    return publicJwks(this.keys);
  }

  /** `sessionId` becomes the `sid` claim (OpenID Connect's session id): the refresh-token family. */
  async issue(subject: string, claims: { roles: readonly string[]; scope: readonly string[]; sessionId?: string }): Promise<IssuedAccessToken> {
    const jti = randomUUID();
    const sid = claims.sessionId === undefined ? {} : { sid: claims.sessionId };
    const token = await new SignJWT({ roles: [...claims.roles], scope: claims.scope.join(' '), ...sid })
      .setProtectedHeader({ alg: ACCESS_TOKEN.algorithm, typ: ACCESS_TOKEN.type, kid: this.keys[0].kid })
      .setIssuer(ACCESS_TOKEN.issuer)
      .setAudience(ACCESS_TOKEN.audience)
      .setSubject(subject)
      .setJti(jti)
      .setIssuedAt()
      .setExpirationTime(`${ACCESS_TOKEN.lifetimeSeconds}s`)
      .sign(this.signingKey);
    return { token, jti, expiresIn: ACCESS_TOKEN.lifetimeSeconds };
  }
}
