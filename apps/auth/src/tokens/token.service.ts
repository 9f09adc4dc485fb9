import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { SCOPES, ShopError, isUuid, type Principal, type TokenPair } from '@shop/contracts';
import { DATA_SOURCE, SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';
import { AccessTokenIssuer, REFRESH_TOKEN, hashRefreshToken, looksLikeRefreshToken, newRefreshToken } from '@shop/security/access-token';
import type { DataSource, EntityManager } from 'typeorm';
import { REVOCATION_ENFORCED } from '../auth.constants';
import { UserEntity } from '../users/user.entity';
import { RefreshFamilyEntity } from './refresh-family.entity';
import { RefreshTokenEntity } from './refresh-token.entity';

/** Every user gets the order scopes; admin power comes from the role, checked per route and per RPC. */
const DEFAULT_SCOPE = [SCOPES.ordersRead, SCOPES.ordersWrite];

type RefreshOutcome = { pair: TokenPair } | { error: 'AUTH.REFRESH_INVALID' } | { error: 'AUTH.REFRESH_REUSED'; row: RefreshTokenEntity };

/**
 * Refresh tokens, one family per login session. Every operation that reads
 * and then changes a family (rotation, reuse detection, logout) first locks
 * the family's row, so they are serialised per family and none of them acts
 * on a state another one is about to change.
 */
@Injectable()
export class TokenService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly issuer: AccessTokenIssuer,
    /** False only in lab mode with `revocation` switched off: no reuse detection, logout revokes nothing. */
    @Inject(REVOCATION_ENFORCED) private readonly revocation: boolean,
  ) {}

  /** A new login session: a fresh refresh-token family. */
  issueForLogin(user: UserEntity): Promise<TokenPair> {
    return this.dataSource.transaction(async (manager) => {
      const family = { id: randomUUID(), userId: user.id, status: 'ACTIVE' as const, expiresAt: new Date(Date.now() + REFRESH_TOKEN.familyLifetimeSeconds * 1000) };
      await manager.insert(RefreshFamilyEntity, family);
      return this.issue(manager, user, family);
    });
  }

  private async issue(manager: EntityManager, user: Pick<UserEntity, 'id' | 'roles'>, family: Pick<RefreshFamilyEntity, 'id' | 'expiresAt'>): Promise<TokenPair> {
    const refreshToken = newRefreshToken();
    const expiresAt = new Date(Math.min(Date.now() + REFRESH_TOKEN.lifetimeSeconds * 1000, family.expiresAt.getTime()));
    await manager.insert(RefreshTokenEntity, {
      id: randomUUID(),
      familyId: family.id,
      userId: user.id,
      tokenHash: hashRefreshToken(refreshToken),
      status: 'ACTIVE',
      expiresAt,
      familyExpiresAt: family.expiresAt,
    });
    // `sid` names the family, so a logout with only the access token can still end the session.
    const access = await this.issuer.issue(user.id, { roles: user.roles, scope: DEFAULT_SCOPE, sessionId: family.id });
    return { accessToken: access.token, refreshToken, tokenType: 'Bearer', expiresIn: access.expiresIn };
  }

  /**
   * Rotation: every refresh token works once. Presenting one that was
   * already rotated means two parties hold it, so the whole family is
   * revoked and both the thief and the user must log in again.
   */
  async refresh(presented: string): Promise<TokenPair> {
    if (!looksLikeRefreshToken(presented ?? '')) throw new ShopError('AUTH.REFRESH_INVALID');
    const tokenHash = hashRefreshToken(presented);
    const outcome = await this.dataSource.transaction(async (manager): Promise<RefreshOutcome> => {
      const found = await manager.findOne(RefreshTokenEntity, { where: { tokenHash } });
      if (!found) return { error: 'AUTH.REFRESH_INVALID' };
      const family = await this.lockFamily(manager, found.familyId);
      // Read again under the lock: a rotation or revocation that committed while we waited is visible now.
      const row = await manager.findOneOrFail(RefreshTokenEntity, { where: { id: found.id } });
      if (!family || family.status === 'REVOKED') return { error: 'AUTH.REFRESH_INVALID' };
      if (row.status === 'ROTATED' && this.revocation) {
        await this.revokeFamily(manager, family.id);
        return { error: 'AUTH.REFRESH_REUSED', row };
      }
      if (row.status === 'REVOKED' || row.expiresAt.getTime() <= Date.now()) return { error: 'AUTH.REFRESH_INVALID' };
      const user = await manager.findOne(UserEntity, { where: { id: row.userId } });
      if (!user) return { error: 'AUTH.REFRESH_INVALID' };
      await manager.update(RefreshTokenEntity, { id: row.id }, { status: 'ROTATED' });
      return { pair: await this.issue(manager, user, family) };
    });
    if ('pair' in outcome) return outcome.pair;
    if (outcome.error === 'AUTH.REFRESH_REUSED') {
      // Emitted after COMMIT: the revocation must stick even though the caller gets an error.
      this.runtime.events.emit('refresh_reuse_detected', { reason: 'rotated_token_presented', user: outcome.row.userId, detail: { family: outcome.row.familyId } });
    }
    throw new ShopError(outcome.error);
  }

  /**
   * Logout ends the session the access token belongs to (its `sid`) and,
   * when given, the family of the refresh token, both only if they belong
   * to the caller.
   */
  async logout(principal: Principal, presented: string | undefined, sessionId: string | undefined): Promise<void> {
    if (!this.revocation) return;
    const revoked = await this.dataSource.transaction(async (manager) => {
      const familyIds = new Set<string>();
      if (sessionId && isUuid(sessionId)) familyIds.add(sessionId);
      if (presented && looksLikeRefreshToken(presented)) {
        const row = await manager.findOne(RefreshTokenEntity, { where: { tokenHash: hashRefreshToken(presented), userId: principal.sub } });
        if (row) familyIds.add(row.familyId);
      }
      let count = 0;
      // Sorted, so two logouts naming the same two families cannot deadlock.
      for (const id of [...familyIds].sort()) {
        const family = await this.lockFamily(manager, id);
        if (family?.userId === principal.sub && family.status === 'ACTIVE') count += await this.revokeFamily(manager, id);
      }
      return count;
    });
    if (revoked > 0) this.runtime.events.emit('token_revoked', { reason: 'logout_refresh_family', user: principal.sub });
  }

  private lockFamily(manager: EntityManager, id: string): Promise<RefreshFamilyEntity | null> {
    return manager.findOne(RefreshFamilyEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Call with the family locked. Returns 1, so callers can count revoked families. */
  private async revokeFamily(manager: EntityManager, id: string): Promise<number> {
    await manager.update(RefreshFamilyEntity, { id }, { status: 'REVOKED' });
    await manager.update(RefreshTokenEntity, { familyId: id, status: 'ACTIVE' }, { status: 'REVOKED' });
    return 1;
  }
}
