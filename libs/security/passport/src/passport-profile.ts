import { spiffeIdOf, type Operation } from '@shop/topology';

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
  /**
   * Verifiers reject anything issued longer ago than its lifetime (plus the
   * clock tolerance), whatever its exp says: equal to the lifetime, so a
   * passport never outlives what the gateway meant it to.
   */
  maxAgeSeconds: 30,
  /**
   * The compensation passport (`orders.compensate`, bound to one order) that
   * order stores with a PENDING checkout so saga recovery can still undo it
   * after the user is gone and the request passport has expired. A week: far
   * beyond any outage recovery must outlast; an order still PENDING after
   * that needs an operator (docs/controls/passport.md).
   */
  compensationLifetimeSeconds: 7 * 24 * 3600,
  clockToleranceSeconds: 5,
  audience: 'shop-internal',
} as const;

/** Only the gateway mints passports; its SPIFFE ID is the issuer. */
export function passportIssuer(trustDomain: string): string {
  return spiffeIdOf('gateway', trustDomain);
}

/** How long a passport for `op` lives (and may be old): seconds. */
export function lifetimeOf(op: Operation): number {
  return op === 'orders.compensate' ? PASSPORT.compensationLifetimeSeconds : PASSPORT.lifetimeSeconds;
}
