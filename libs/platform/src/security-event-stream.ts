import { RedisSecurityEventStream, securityEventStreamKey } from '@shop/security/audit';
import Redis from 'ioredis';
import type { ServiceRuntime } from './service-runtime';

/**
 * Sends this process's security events to the Redis stream the gateway's
 * security console reads, when REDIS_URL is set. Only serving processes call
 * it: a `migrate` or `seed` run must be able to exit, and an open connection
 * would keep it alive. Returns the function that closes the connection.
 *
 * Its own connection, without an offline queue: while Redis is away events are
 * dropped from the console feed (still logged and counted), never queued in memory.
 */
export function publishSecurityEvents(runtime: ServiceRuntime): () => void {
  const { config, events, logger } = runtime;
  if (!config.redisUrl) return () => undefined;
  const redis = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  // Failures are reported once per outage by the stream itself.
  redis.on('error', () => undefined);
  events.publishTo(
    new RedisSecurityEventStream(redis, securityEventStreamKey(config.redisKeyPrefix), (error) =>
      logger.warn({ err: error }, 'security events: the console stream is unavailable; events are only logged'),
    ),
  );
  return () => redis.disconnect();
}
