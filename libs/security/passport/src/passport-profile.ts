import { spiffeIdOf } from '@shop/topology';

/**
 * Every security-relevant passport parameter, pinned in one place. Verifiers
 * never fall back to library defaults for any of them.
 */
export const PASSPORT = {
  /** ES256: measured cheaper than EdDSA here where it counts, in verification (about 115 vs 150 µs of CPU; every hop verifies), and supported by every JOSE library. See the README's bench table. */
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
