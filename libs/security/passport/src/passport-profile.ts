import { spiffeIdOf } from '@shop/topology';

/**
 * Every security-relevant passport parameter, pinned in one place. Verifiers
 * never fall back to library defaults for any of them.
 */
export const PASSPORT = {
  /** ES256: the same algorithm as the access tokens, supported by every JOSE library and FIPS-approved. EdDSA costs about the same here (README, bench table). */
  algorithm: 'ES256',
  type: 'passport+jwt',
  /** Minted per request; long enough for a checkout saga, short enough to be useless when stolen. */
  lifetimeSeconds: 30,
  /** Verifiers reject anything issued longer ago than this, whatever its exp says. */
  maxAgeSeconds: 60,
  clockToleranceSeconds: 5,
  audience: 'shop-internal',
} as const;

/** Only the gateway mints passports; its SPIFFE ID is the issuer. */
export function passportIssuer(trustDomain: string): string {
  return spiffeIdOf('gateway', trustDomain);
}
