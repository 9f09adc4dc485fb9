import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';
import Redis from 'ioredis';
import { REDIS_CONNECTION } from './rate-limit.constants';

/** One Redis connection for the gateway (rate limits, token denylist), or null without REDIS_URL. */
@Module({
  providers: [
    {
      provide: REDIS_CONNECTION,
      inject: [SERVICE_RUNTIME],
      useFactory: (runtime: ServiceRuntime) =>
        runtime.config.redisUrl ? new Redis(runtime.config.redisUrl, { maxRetriesPerRequest: 2 }) : null,
    },
  ],
  exports: [REDIS_CONNECTION],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CONNECTION) private readonly redis: Redis | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit();
  }
}
