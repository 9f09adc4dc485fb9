import { randomUUID } from 'node:crypto';
import { SignJWT, importJWK } from 'jose';
import type { Principal } from '@shop/contracts';
import { SECRET_FILES, readJwkSet, type SecretFiles } from '@shop/security/secrets';
import type { Operation } from '@shop/topology';
import { PASSPORT, lifetimeOf, passportIssuer } from './passport-profile';

export interface SigningKey {
  readonly kid: string;
  readonly key: Awaited<ReturnType<typeof importJWK>>;
}

export interface MintInput {
  readonly sub: string;
  readonly roles: readonly string[];
  readonly scope: readonly string[];
  /** W3C trace id of the request, so every hop's logs join up. */
  readonly traceId: string;
  /** The public operation the user asked for; decides which RPCs the passport opens. */
  readonly op: Operation;
  /** The one order the passport may act on (checkout and compensation passports). */
  readonly orderId?: string;
}

/**
 * Mints internal passports at the gateway: one per request, from the
 * validated access token, signed with the gateway's own key. Nothing else
 * holds that key, so a compromised downstream service cannot mint one.
 */
export class PassportMinter {
  private signing!: SigningKey;
  private stopWatching?: () => void;

  private constructor(
    private readonly files: SecretFiles,
    private readonly issuer: string,
    private readonly refuseDevMaterial: boolean,
  ) {}

  static async create(files: SecretFiles, trustDomain: string, refuseDevMaterial: boolean): Promise<PassportMinter> {
    const minter = new PassportMinter(files, passportIssuer(trustDomain), refuseDevMaterial);
    await minter.loadKeys();
    return minter;
  }

  /** Follows key rotation on disk: the first key of the set signs; `onReloaded` gets its kid after every reload. */
  watch(onError: (error: Error) => void, onReloaded: (kid: string) => void = () => undefined): this {
    this.stopWatching = this.files.watch([SECRET_FILES.passportSigningKeys], () => {
      this.loadKeys()
        .then(() => onReloaded(this.signing.kid))
        .catch(onError);
    });
    return this;
  }

  close(): void {
    this.stopWatching?.();
  }

  private async loadKeys(): Promise<void> {
    const [current] = readJwkSet(this.files, SECRET_FILES.passportSigningKeys, {
      kind: 'private',
      refuseDevMaterial: this.refuseDevMaterial,
    });
    this.signing = { kid: current.kid, key: await importJWK({ ...current }, PASSPORT.algorithm) };
  }

  async mint(input: MintInput): Promise<{ token: string; principal: Principal }> {
    return signPassportWith(this.signing, this.issuer, input);
  }
}

/**
 * The one place a passport's header and claims are put together: the gateway's
 * minter signs with its key; the startup self-check (libs/platform) signs the
 * same passport with a made-up key to prove the verifier refuses it.
 */
export async function signPassportWith(signing: SigningKey, issuer: string, input: MintInput): Promise<{ token: string; principal: Principal }> {
  const jti = randomUUID();
  const bound = input.orderId === undefined ? {} : { order_id: input.orderId };
  const claims = { roles: [...input.roles], scope: input.scope.join(' '), trace_id: input.traceId, op: input.op, ...bound };
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: PASSPORT.algorithm, typ: PASSPORT.type, kid: signing.kid })
    .setIssuer(issuer)
    .setAudience(PASSPORT.audience)
    .setSubject(input.sub)
    .setJti(jti)
    .setIssuedAt()
    .setExpirationTime(`${lifetimeOf(input.op)}s`)
    .sign(signing.key);
  return { token, principal: { sub: input.sub, roles: input.roles, scope: input.scope, jti, op: input.op, ...(input.orderId === undefined ? {} : { orderId: input.orderId }) } };
}
