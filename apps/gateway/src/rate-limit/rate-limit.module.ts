import { Module, type ExecutionContext } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule, type ThrottlerOptions } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';
import type Redis from 'ioredis';
import { LOGIN_ROUTE, REDIS_CONNECTION, REGISTER_ROUTE, THROTTLERS, USER_PHASE } from './rate-limit.constants';
import { RedisModule } from './redis.module';
import { ShopThrottlerGuard, UserThrottlerGuard } from './shop-throttler.guard';

const isUserPhase = (context: ExecutionContext) => context.switchToHttp().getRequest<Record<symbol, boolean>>()[USER_PHASE] === true;
const isRoute = (marker: string) => (context: ExecutionContext) => Reflect.getMetadata(marker, context.getHandler()) === true;
const isLoginRoute = isRoute(LOGIN_ROUTE);
const isRegisterRoute = isRoute(REGISTER_ROUTE);

function throttlers(runtime: ServiceRuntime): ThrottlerOptions[] {
  const off = !runtime.config.lab.isOn('rate-limit');
  const limits = runtime.config.rateLimits;
  return [
    { name: THROTTLERS.ip, ttl: 10_000, limit: limits.perIpPer10s, skipIf: (c) => off || isUserPhase(c) },
    {
      name: THROTTLERS.login,
      ttl: 60_000,
      limit: limits.loginPerIpPerMinute,
      // Past the limit an IP waits a full minute; auth adds a growing per-account delay.
      blockDuration: 60_000,
      skipIf: (c) => off || isUserPhase(c) || !isLoginRoute(c),
    },
    {
      // Every registration costs an argon2 hash; auth also bounds how many run at once.
      name: THROTTLERS.register,
      ttl: 60_000,
      limit: limits.registerPerIpPerMinute,
      skipIf: (c) => off || isUserPhase(c) || !isRegisterRoute(c),
    },
    {
      name: THROTTLERS.user,
      ttl: 10_000,
      limit: limits.perUserPer10s,
      skipIf: (c) => off || !isUserPhase(c),
      getTracker: (request) => `user:${(request as { user: { sub: string } }).user.sub}`,
    },
  ];
}

/**
 * Rate limits (OWASP API4) with @nestjs/throttler: per IP on every route,
 * tighter per IP on login and on registration, per user on authenticated routes. Counters live in
 * Redis when REDIS_URL is set (shared by all gateway replicas), else in memory.
 */
@Module({
  imports: [
    RedisModule,
    ThrottlerModule.forRootAsync({
      imports: [RedisModule],
      inject: [SERVICE_RUNTIME, REDIS_CONNECTION],
      useFactory: (runtime: ServiceRuntime, redis: Redis | null) => ({
        throttlers: throttlers(runtime),
        storage: redis ? new ThrottlerStorageRedisService(redis) : undefined,
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: ShopThrottlerGuard }, UserThrottlerGuard],
  exports: [UserThrottlerGuard],
})
export class RateLimitModule {}
