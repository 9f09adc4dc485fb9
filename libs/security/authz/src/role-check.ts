import { ShopError, type Principal, type Role } from '@shop/contracts';
import type { SecurityEvents } from '@shop/security/audit';

/**
 * Function-level authorization (OWASP API5): services check roles from the
 * verified passport themselves, so an admin RPC stays closed even to a
 * caller that gets past, or around, the gateway.
 */
export class RoleCheck {
  constructor(
    /** False only in lab mode with `rbac` switched off. */
    private readonly enforced: boolean,
    private readonly events: SecurityEvents,
  ) {}

  /** Takes a passport's principal or, at the gateway, the access token's user. */
  require(principal: Pick<Principal, 'sub'> & { readonly roles: readonly string[] }, role: Role): void {
    if (principal.roles.includes(role) || !this.enforced) return;
    this.events.emit('access_denied', { reason: 'missing_role', user: principal.sub, detail: { role } });
    throw new ShopError('AUTH.FORBIDDEN', `this needs the ${role} role`);
  }
}
