import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { SCOPES, ShopError, type Principal, type TokenPair } from '@shop/contracts';
import { DATA_SOURCE, SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';
import { AccessTokenIssuer, REFRESH_TOKEN, hashRefreshToken, looksLikeRefreshToken, newRefreshToken } from '@shop/security/access-token';
import type { DataSource, EntityManager } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { RefreshTokenEntity } from './refresh-token.entity';

/** Every user gets the order scopes; admin power comes from the role, checked per route and per RPC. */
const DEFAULT_SCOPE = [SCOPES.ordersRead, SCOPES.ordersWrite];

@Injectable()
export class TokenService {
  private readonly detectReuse: boolean;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly issuer: AccessTokenIssuer,
  ) {
    this.detectReuse = runtime.config.lab.isOn('revocation');
  }

  /** A new login session: a fresh refresh-token family. */
  issueForLogin(user: UserEntity): Promise<TokenPair> {
    return this.dataSource.transaction((manager) => this.issue(manager, user, randomUUID(), new Date(Date.now() + REFRESH_TOKEN.familyLifetimeSeconds * 1000)));
  }

  private async issue(manager: EntityManager, user: Pick<UserEntity, 'id' | 'roles'>, familyId: string, familyExpiresAt: Date): Promise<TokenPair> {
    const refreshToken = newRefreshToken();
    const expiresAt = new Date(Math.min(Date.now() + REFRESH_TOKEN.lifetimeSeconds * 1000, familyExpiresAt.getTime()));
    await manager.insert(RefreshTokenEntity, {
      id: randomUUID(),
      familyId,
      userId: user.id,
      tokenHash: hashRefreshToken(refreshToken),
      status: 'ACTIVE',
      expiresAt,
      familyExpiresAt,
    });
    const access = await this.issuer.issue(user.id, { roles: user.roles, scope: DEFAULT_SCOPE });
    return { accessToken: access.token, refreshToken, tokenType: 'Bearer', expiresIn: access.expiresIn };
  }

  /**
   * Rotation: every refresh token works once. Presenting one that was
   * already rotated means two parties hold it, so the whole family is
   * revoked and both the thief and the user must log in again.
   */
  async refresh(presented: string): Promise<TokenPair> {
    if (!looksLikeRefreshToken(presented ?? '')) throw new ShopError('AUTH.REFRESH_INVALID');
    const outcome = await this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(RefreshTokenEntity, {
        where: { tokenHash: hashRefreshToken(presented) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) return { error: 'AUTH.REFRESH_INVALID' as const };
      if (row.status === 'ROTATED' && this.detectReuse) {
        await manager.update(RefreshTokenEntity, { familyId: row.familyId, status: 'ACTIVE' }, { status: 'REVOKED' });
        return { error: 'AUTH.REFRESH_REUSED' as const, row };
      }
      if (row.status === 'REVOKED' || row.expiresAt.getTime() <= Date.now()) return { error: 'AUTH.REFRESH_INVALID' as const };
      const user = await manager.findOne(UserEntity, { where: { id: row.userId } });
      if (!user) return { error: 'AUTH.REFRESH_INVALID' as const };
      await manager.update(RefreshTokenEntity, { id: row.id }, { status: 'ROTATED' });
      return { pair: await this.issue(manager, user, row.familyId, row.familyExpiresAt) };
    });
    if ('pair' in outcome && outcome.pair) return outcome.pair;
    if (outcome.error === 'AUTH.REFRESH_REUSED') {
      // Emitted after COMMIT: the revocation must stick even though the caller gets an error.
      this.runtime.events.emit('refresh_reuse_detected', { reason: 'rotated_token_presented', user: outcome.row?.userId, detail: { family: outcome.row?.familyId ?? '' } });
    }
    throw new ShopError(outcome.error ?? 'AUTH.REFRESH_INVALID');
  }

  /** Logout: revokes the session's refresh-token family when the token belongs to the caller. */
  async logout(principal: Principal, presented: string): Promise<void> {
    if (!presented || !looksLikeRefreshToken(presented)) return;
    const revoked = await this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(RefreshTokenEntity, { where: { tokenHash: hashRefreshToken(presented), userId: principal.sub } });
      if (!row) return 0;
      const result = await manager.update(RefreshTokenEntity, { familyId: row.familyId, status: 'ACTIVE' }, { status: 'REVOKED' });
      return result.affected ?? 0;
    });
    if (revoked > 0) this.runtime.events.emit('token_revoked', { reason: 'logout_refresh_family', user: principal.sub });
  }
}
