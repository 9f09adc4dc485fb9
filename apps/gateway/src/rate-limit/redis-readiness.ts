import type Redis from 'ioredis';
import type { ReadinessCheck } from '@shop/observability';

/**
 * /readyz: with REDIS_URL set every authenticated request needs Redis (the
 * denylist) and so does every rate limit, so the gateway is not ready
 * without it.
 */
export function redisReadinessCheck(redis: Redis): ReadinessCheck {
  return {
    name: 'redis',
    check: async () => {
      if (redis.status !== 'ready') throw new Error(`redis connection ${redis.status}`);
      await redis.ping();
    },
  };
}
