import type { AuthenticatedUser, TokenDenylist } from '@shop/security/access-token';
import type { SecurityEvents } from '@shop/security/audit';

/**
 * Logout's half at the edge: the presented access token is denied until it
 * expires, so it stops working before its own expiry. SecurityModule builds
 * it without a denylist when the lab's `revocation` switch is off: then
 * logout denies nothing, as the strategy checks nothing.
 */
export class AccessTokenRevoker {
  constructor(
    private readonly denylist: TokenDenylist | null,
    private readonly events: SecurityEvents,
  ) {}

  async revoke(user: AuthenticatedUser): Promise<void> {
    if (!this.denylist) return;
    await this.denylist.deny(user.jti, user.exp);
    this.events.emit('token_revoked', { reason: 'logout_access_token', user: user.sub });
  }
}
