import { createPublicKey, randomUUID } from 'node:crypto';
import { SignJWT, base64url, generateKeyPair, importJWK, type JWTPayload } from 'jose';
import { PASSPORT, lifetimeOf, passportIssuer } from '@shop/security/passport';
import type { Operation } from '@shop/topology';
import { ACCESS_TOKEN } from '@shop/security/access-token';
import { SECRET_FILES, type EcJwk } from '@shop/security/secrets';
import type { LabTarget } from './lab-target';

type SigningKey = Awaited<ReturnType<typeof importJWK>>;

export interface Signer {
  readonly kid: string;
  readonly key: SigningKey;
}

function currentKey(target: LabTarget, service: 'gateway' | 'auth', file: string): Promise<Signer> {
  const { keys } = JSON.parse(target.stolen(service, file).toString()) as { keys: EcJwk[] };
  return importJWK({ ...keys[0] }, 'ES256').then((key) => ({ kid: keys[0].kid, key }));
}

/** The gateway's real passport key: stands in for "a passport captured in flight". */
export function gatewayPassportSigner(target: LabTarget): Promise<Signer> {
  return currentKey(target, 'gateway', SECRET_FILES.passportSigningKeys);
}

/** auth's real access-token key: to build tokens whose signature is fine but whose claims are not. */
export function authTokenSigner(target: LabTarget): Promise<Signer> {
  return currentKey(target, 'auth', SECRET_FILES.accessTokenKeys);
}

/** A key the attacker generated, claiming someone else's kid. */
export async function attackerSigner(kid: string): Promise<Signer> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { kid, key: privateKey };
}

export interface PassportClaims {
  readonly sub: string;
  /** The public operation it was minted for; by default reading one order (opens GetOrder only). */
  readonly op?: Operation;
  /** The order a checkout (`orders.place`) or compensation passport is bound to. */
  readonly orderId?: string;
  readonly roles?: readonly string[];
  readonly scope?: string;
  /** Seconds relative to now. */
  readonly issuedAt?: number;
  readonly expiresIn?: number;
}

export function signPassport(target: LabTarget, signer: Signer, claims: PassportClaims): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const iat = now + (claims.issuedAt ?? 0);
  const op = claims.op ?? 'orders.get';
  const bound = claims.orderId === undefined ? {} : { order_id: claims.orderId };
  return new SignJWT({ roles: [...(claims.roles ?? ['customer'])], scope: claims.scope ?? 'orders:read orders:write', trace_id: '0'.repeat(31) + '1', op, ...bound })
    .setProtectedHeader({ alg: 'ES256', typ: PASSPORT.type, kid: signer.kid })
    .setIssuer(passportIssuer(target.trustDomain))
    .setAudience(PASSPORT.audience)
    .setSubject(claims.sub)
    .setJti(randomUUID())
    .setIssuedAt(iat)
    .setExpirationTime(iat + (claims.expiresIn ?? lifetimeOf(op)))
    .sign(signer.key);
}

/** Rewrites a signed token's payload without re-signing it (the signature no longer matches). */
export function tamperPayload(token: string, patch: JWTPayload): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload))) as JWTPayload;
  return [header, base64url.encode(JSON.stringify({ ...claims, ...patch })), signature].join('.');
}

export interface AccessTokenOverrides {
  readonly alg?: string;
  readonly typ?: string;
  readonly audience?: string;
  readonly issuer?: string;
  /** Seconds relative to now; default: issued 5 s ago, expiring one lifetime after that. */
  readonly issuedAt?: number;
  readonly expiresIn?: number;
  readonly scope?: string;
}

export function signAccessToken(signer: Signer, sub: string, overrides: AccessTokenOverrides = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ roles: ['customer'], scope: overrides.scope ?? 'orders:read orders:write' })
    .setProtectedHeader({ alg: 'ES256', typ: overrides.typ ?? ACCESS_TOKEN.type, kid: signer.kid })
    .setIssuer(overrides.issuer ?? ACCESS_TOKEN.issuer)
    .setAudience(overrides.audience ?? ACCESS_TOKEN.audience)
    .setSubject(sub)
    .setJti(randomUUID())
    .setIssuedAt(now + (overrides.issuedAt ?? -5))
    .setExpirationTime(now + (overrides.expiresIn ?? ACCESS_TOKEN.lifetimeSeconds - 5))
    .sign(signer.key);
}

/** An unsigned token (`alg: none`), the oldest JWT trick in the book. */
export function unsignedToken(sub: string): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: object) => base64url.encode(JSON.stringify(value));
  return `${part({ alg: 'none', typ: ACCESS_TOKEN.type })}.${part({ sub, jti: randomUUID(), iss: ACCESS_TOKEN.issuer, aud: ACCESS_TOKEN.audience, iat: now, exp: now + 600, roles: ['admin'], scope: 'orders:read orders:write' })}.`;
}

/**
 * HS256 "signed" with the server's PUBLIC key as the HMAC secret: works against
 * verifiers that let the token pick the algorithm.
 */
export async function publicKeyConfusionToken(target: LabTarget, sub: string): Promise<string> {
  const response = await target.api.get<{ keys: Array<Record<string, string>> }>('/.well-known/jwks.json');
  const jwk = response.body.keys[0];
  const pem = createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ roles: ['admin'], scope: 'orders:read orders:write' })
    .setProtectedHeader({ alg: 'HS256', typ: ACCESS_TOKEN.type, kid: jwk['kid'] })
    .setIssuer(ACCESS_TOKEN.issuer)
    .setAudience(ACCESS_TOKEN.audience)
    .setSubject(sub)
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(new TextEncoder().encode(pem.toString()));
}

