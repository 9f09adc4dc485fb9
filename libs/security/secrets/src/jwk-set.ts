import { DEV_MATERIAL } from './dev-material';
import { SecretError, type SecretFiles } from './secret-files';

/** An EC P-256 JWK as stored in the key files (`d` only in private sets). */
export interface EcJwk {
  readonly kty: 'EC';
  readonly crv: 'P-256';
  readonly x: string;
  readonly y: string;
  readonly d?: string;
  readonly kid: string;
  readonly alg: 'ES256';
  readonly use: 'sig';
}

export interface JwkSetOptions {
  /** Private sets must carry `d`; public ones must not. */
  readonly kind: 'private' | 'public';
  readonly refuseDevMaterial: boolean;
}

/**
 * Reads a JWK set file: `{ "keys": [...] }`. For signing sets the FIRST key
 * is the current one; the others are still accepted by verifiers, which is
 * how a key rotates without failing in-flight tokens. Every key must be
 * ES256 with a unique `kid`.
 */
export function readJwkSet(files: SecretFiles, name: string, options: JwkSetOptions): EcJwk[] {
  const raw = files.readJson<{ keys?: unknown } | null>(name) ?? {};
  if (!Array.isArray(raw.keys) || raw.keys.length === 0) throw new SecretError(`${name} holds no keys`);
  const kids = new Set<string>();
  return raw.keys.map((entry, index) => {
    const key = (entry ?? {}) as Partial<EcJwk>;
    const where = `${name} key #${index}`;
    if (key.kty !== 'EC' || key.crv !== 'P-256' || key.alg !== 'ES256') throw new SecretError(`${where} is not an ES256 P-256 key`);
    if (typeof key.kid !== 'string' || key.kid === '' || kids.has(key.kid)) throw new SecretError(`${where} lacks a unique kid`);
    if ((options.kind === 'private') !== (typeof key.d === 'string')) {
      throw new SecretError(`${where} must ${options.kind === 'private' ? '' : 'not '}hold a private part`);
    }
    if (options.refuseDevMaterial && key.kid.startsWith(DEV_MATERIAL.kidPrefix)) {
      throw new SecretError(`${where} is a dev key; refusing it with SHOP_ENV=production`);
    }
    kids.add(key.kid);
    return key as EcJwk;
  });
}

/** The public half of a private set, as verifiers and JWKS endpoints need it. */
export function publicJwks(keys: readonly EcJwk[]): EcJwk[] {
  return keys.map(({ d: _private, ...rest }) => rest);
}
