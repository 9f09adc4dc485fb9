import Redis from 'ioredis';
import { AccessTokenStrategy } from './access-token.strategy';
import { JwksCache } from './jwks-cache';
import { RedisTokenDenylist } from './token-denylist';
import { VerificationOutage } from './verification-outage';

describe('a denylist that does not answer', () => {
  it('refuses the token as an outage (VerificationOutage), not as a revoked or invalid token', async () => {
    // A real ioredis client against a Redis that is not there (port 1: nothing listens), as when Redis goes down.
    const redis = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 1, retryStrategy: () => 50 });
    const strategy = new AccessTokenStrategy({ jwks: new JwksCache(async () => ({ keys: [] })), denylist: new RedisTokenDenylist(redis, 'test:'), checkDenylist: true });
    try {
      const failure = await strategy.validate({ sub: 'u', jti: 'j', iat: 0, exp: 1, roles: [], scope: '' }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(VerificationOutage);
      expect((failure as VerificationOutage).dependency).toBe('denylist');
    } finally {
      redis.disconnect();
    }
  });
});
