import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ShopError, type Role } from '@shop/contracts';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';
import type { AuthenticatedUser } from '@shop/security/access-token';
import type { Operation } from '@shop/topology';
import type { Request } from 'express';
import { ACCESS_REQUIREMENTS } from './security.constants';

export interface AccessRequirements {
  /** The public operation this route is; the passport opens only the RPCs that declare it. */
  readonly operation: Operation;
  readonly scope?: string;
  readonly role?: Role;
}

/**
 * Scope and role checks at the edge. Services check roles again from the
 * passport (BFLA defence in depth); this is the first of two locks.
 */
@Injectable()
export class AccessRequirementsGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.get<AccessRequirements>(ACCESS_REQUIREMENTS, context.getHandler());
    const user = context.switchToHttp().getRequest<Request & { user: AuthenticatedUser }>().user;
    if (required.scope && !user.scope.includes(required.scope)) {
      this.runtime.events.emit('access_denied', { reason: 'missing_scope', user: user.sub, detail: { scope: required.scope } });
      throw new ShopError('AUTH.INSUFFICIENT_SCOPE', `this needs the ${required.scope} scope`);
    }
    // The same RoleCheck the services use (lab switch `rbac` resolved in build-runtime).
    if (required.role) this.runtime.roles.require(user, required.role);
    return true;
  }
}
