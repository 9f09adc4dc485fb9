import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { requestContext, traceIdOf } from '@shop/observability';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';
import { ShopError } from '@shop/contracts';
import { VerificationOutage, classifyTokenFailure, type AuthenticatedUser } from '@shop/security/access-token';
import type { PassportMinter } from '@shop/security/passport';
import type { Request } from 'express';
import type { AccessRequirements } from './access-requirements.guard';
import { ACCESS_REQUIREMENTS, PASSPORT_MINTER } from './security.constants';

/**
 * Validates the bearer token (AccessTokenStrategy), then mints the request's
 * internal passport from it, for the route's operation only. From here on,
 * downstream services only ever see the passport; the external token never
 * travels past the gateway. A checkout's passport is bound to the id its new
 * order will get, and comes with a second, long-lived compensation passport
 * for that one order (order keeps it to undo the checkout if it fails).
 */
@Injectable()
export class BearerGuard extends AuthGuard('access-token') {
  constructor(
    @Inject(PASSPORT_MINTER) private readonly minter: PassportMinter,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly reflector: Reflector,
  ) {
    super();
  }

  override handleRequest<TUser = AuthenticatedUser>(error: unknown, user: TUser | false, info: unknown): TUser {
    const outage = [error, info].find((e): e is VerificationOutage => e instanceof VerificationOutage);
    if (outage) {
      // Not the user's fault and not an attack: an outage, counted as one.
      this.runtime.metrics.dependencyOutages.inc({ dependency: outage.dependency });
      this.runtime.logger.warn({ err: outage, dependency: outage.dependency }, 'token not checked: a dependency is down');
      throw new ShopError('UPSTREAM.UNAVAILABLE', `${outage.dependency} unavailable`, { 'retry-after': '2' });
    }
    if (error || !user) {
      const rejection = classifyTokenFailure(error ?? info);
      this.runtime.events.emit('auth_failed', { reason: `token_${rejection.reason}` });
      throw rejection;
    }
    return user;
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    await super.canActivate(context);
    const user = context.switchToHttp().getRequest<Request & { user: AuthenticatedUser }>().user;
    const ctx = requestContext.current();
    if (!ctx) throw new Error('request context missing');
    const { operation } = this.reflector.get<AccessRequirements>(ACCESS_REQUIREMENTS, context.getHandler());
    const traceId = traceIdOf(ctx.traceparent);
    const orderId = operation === 'orders.place' ? randomUUID() : undefined;
    const { token, principal } = await this.minter.mint({ sub: user.sub, roles: user.roles, scope: user.scope, traceId, op: operation, orderId });
    ctx.principal = principal;
    ctx.passport = token;
    if (orderId) {
      // No roles, no scope: undoing this one order is all it can do.
      const compensation = await this.minter.mint({ sub: user.sub, roles: [], scope: [], traceId, op: 'orders.compensate', orderId });
      ctx.compensationPassport = compensation.token;
    }
    return true;
  }
}
