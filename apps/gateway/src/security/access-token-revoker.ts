import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';
import type { AuthenticatedUser, TokenDenylist } from '@shop/security/access-token';
import { REVOCATION_ENFORCED, TOKEN_DENYLIST } from './security.constants';

/**
 * Logout's half at the edge: the presented access token is denied until it
 * expires, so it stops working before its own expiry. With the lab's
 * `revocation` switch off (resolved in SecurityModule) it denies nothing.
 */
@Injectable()
export class AccessTokenRevoker {
  constructor(
    @Inject(TOKEN_DENYLIST) private readonly denylist: TokenDenylist,
    @Inject(REVOCATION_ENFORCED) private readonly enforced: boolean,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  async revoke(user: AuthenticatedUser): Promise<void> {
    if (!this.enforced) return;
    await this.denylist.deny(user.jti, user.exp);
    this.runtime.events.emit('token_revoked', { reason: 'logout_access_token', user: user.sub });
  }
}
