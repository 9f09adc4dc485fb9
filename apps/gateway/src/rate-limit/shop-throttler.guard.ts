import { Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerException,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { ShopError } from '@shop/contracts';
import { requestContext } from '@shop/observability';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';
import type { Response } from 'express';
import { USER_PHASE } from './rate-limit.constants';

type HandleRequestProps = Parameters<ThrottlerGuard['handleRequest']>[0];

/**
 * @nestjs/throttler with the platform's conventions:
 * - one counter per tracker across all routes (not one per route);
 * - over the limit: 429 problem+json with a plain `Retry-After` header and a
 *   `rate_limited` security event naming the throttler.
 * It runs twice per authenticated request: globally (per IP, login) and
 * after the bearer guard (per user); USER_PHASE tells the passes apart.
 */
@Injectable()
export class ShopThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(SERVICE_RUNTIME) private readonly shop: ServiceRuntime,
  ) {
    super(options, storage, reflector);
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttler: string): string {
    return `${this.shop.config.redisKeyPrefix}ratelimit:${throttler}:${tracker}`;
  }

  protected override async handleRequest(props: HandleRequestProps): Promise<boolean> {
    try {
      return await super.handleRequest(props);
    } catch (error) {
      if (!(error instanceof ThrottlerException)) {
        // The counter store (Redis) is down: refuse, as an outage rather than an attack or a bug.
        this.shop.metrics.dependencyOutages.inc({ dependency: 'rate-limit' });
        this.shop.logger.warn({ err: error }, 'rate limit not checked: its store is down');
        throw new ShopError('UPSTREAM.UNAVAILABLE', 'rate limit store unavailable', { 'retry-after': '2' });
      }
      const ctx = requestContext.current();
      // The per-user pass runs after authentication; attribute the event to the user there.
      const user = props.context.switchToHttp().getRequest<{ user?: { sub: string } }>().user?.sub;
      this.shop.events.emit('rate_limited', { reason: props.throttler.name ?? 'default', user, sourceIp: ctx?.clientIp });
      throw new ShopError('REQUEST.RATE_LIMITED');
    }
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(seconds));
    throw new ThrottlerException();
  }
}

/** The post-authentication pass: only the `user` throttler counts here. */
@Injectable()
export class UserThrottlerGuard extends ShopThrottlerGuard {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    context.switchToHttp().getRequest<Record<symbol, boolean>>()[USER_PHASE] = true;
    return super.canActivate(context);
  }
}
