/**
 * Every parameter of the external access token, pinned in one place and
 * shared by the issuer (auth) and the verifier (gateway).
 */
export const ACCESS_TOKEN = {
  algorithm: 'ES256',
  /** RFC 9068 type, so an ID token or a passport can never pass as an access token. */
  type: 'at+jwt',
  issuer: 'https://auth.shop.local',
  audience: 'https://api.shop.local',
  lifetimeSeconds: 600,
  clockToleranceSeconds: 5,
} as const;

export const REFRESH_TOKEN = {
  /** One refresh token lives a week; a family (login session) at most 30 days. */
  lifetimeSeconds: 7 * 24 * 3600,
  familyLifetimeSeconds: 30 * 24 * 3600,
} as const;
