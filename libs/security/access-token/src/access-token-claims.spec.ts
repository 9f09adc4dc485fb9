import { randomUUID } from 'node:crypto';
import { ACCESS_TOKEN } from './access-token-profile';
import { AccessTokenStrategy } from './access-token.strategy';
import { JwksCache } from './jwks-cache';
import { MemoryTokenDenylist } from './token-denylist';

const now = () => Math.floor(Date.now() / 1000);
const { lifetimeSeconds: LIFETIME, clockToleranceSeconds: TOLERANCE } = ACCESS_TOKEN;

/** The claims auth signs (see access-token-issuer.ts), issued `age` seconds ago. */
const claims = (overrides: Record<string, unknown> = {}, t = now()) => ({
  sub: randomUUID(),
  jti: randomUUID(),
  sid: randomUUID(),
  roles: ['customer'],
  scope: 'orders:read orders:write',
  iat: t,
  exp: t + LIFETIME,
  ...overrides,
});

/** The strategy's own checks, after jsonwebtoken accepted signature, issuer, audience and expiry. */
describe('AccessTokenStrategy claim checks', () => {
  const denylist = new MemoryTokenDenylist();
  const strategy = new AccessTokenStrategy({ jwks: new JwksCache(async () => ({ keys: [] })), denylist, checkDenylist: true });
  const rejectionOf = (payload: Record<string, unknown>) => strategy.validate(payload).then(() => undefined, (error: { code: string; reason: string }) => [error.code, error.reason]);

  afterAll(() => denylist.close());

  it('accepts what auth issues, with the session id', async () => {
    const payload = claims();
    await expect(strategy.validate(payload)).resolves.toMatchObject({ sub: payload.sub, sid: payload.sid, scope: ['orders:read', 'orders:write'] });
  });

  it('accepts an iat up to the clock tolerance ahead (the issuer clock runs a little fast)', async () => {
    const t = now();
    expect(await rejectionOf(claims({ iat: t + TOLERANCE - 1, exp: t + TOLERANCE - 1 + LIFETIME }, t))).toBeUndefined();
  });

  // Overrides are computed from the test's own `t`, so a slow machine cannot shift them against `iat`.
  it.each([
    ['an iat in the future, beyond the tolerance', (t: number) => ({ iat: t + 3600, exp: t + 3600 + LIFETIME }), 'issued_in_future'],
    ['an iat just past the tolerance', (t: number) => ({ iat: t + TOLERANCE + 2, exp: t + TOLERANCE + 2 + LIFETIME }), 'issued_in_future'],
    ['exp - iat longer than the profile lifetime', (t: number) => ({ exp: t + LIFETIME + 1 }), 'lifetime_too_long'],
    ['a year-long token', (t: number) => ({ exp: t + 365 * 24 * 3600 }), 'lifetime_too_long'],
    ['no iat', () => ({ iat: undefined }), 'bad_claims'],
    ['a sid that is not a string', () => ({ sid: 42 }), 'bad_claims'],
  ])('rejects %s', async (_case, overrides, reason) => {
    const t = now();
    expect(await rejectionOf(claims(overrides(t), t))).toEqual(['AUTH.TOKEN_INVALID', reason]);
  });
});
