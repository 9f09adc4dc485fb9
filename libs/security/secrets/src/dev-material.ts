/**
 * Everything the dev bootstrap generates is marked, so that a process started
 * with SHOP_ENV=production can recognise dev material and refuse to run on it.
 */
export const DEV_MATERIAL = {
  /** The O= of every dev CA certificate. */
  organization: 'hardened-shop dev material',
  /** Prefix of every dev JWK `kid`. */
  kidPrefix: 'dev-',
} as const;
