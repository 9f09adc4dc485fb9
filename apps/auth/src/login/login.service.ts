import { Inject, Injectable } from '@nestjs/common';
import { ShopError, type LoginRequest, type TokenPair } from '@shop/contracts';
import { DATA_SOURCE, SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';
import type { DataSource } from 'typeorm';
import { TokenService } from '../tokens/token.service';
import { PasswordHasher } from '../users/password-hasher';
import { UserEntity } from '../users/user.entity';
import { normalizeEmail } from '../users/user-input';

/** Failures allowed before the account starts to wait, and the longest wait. */
const FREE_FAILURES = 5;
const MAX_LOCK_SECONDS = 15 * 60;

/** 1 s after the 5th failure, then 2, 4, 8... capped at 15 minutes. */
export function lockSeconds(failedLogins: number): number {
  if (failedLogins < FREE_FAILURES) return 0;
  return Math.min(2 ** (failedLogins - FREE_FAILURES), MAX_LOCK_SECONDS);
}

/**
 * Password login with per-account throttling (a growing delay after repeated
 * failures; the gateway adds a per-IP limit). The answer for a wrong password
 * and for an unknown email is the same, and takes the same time.
 */
@Injectable()
export class LoginService {
  private readonly throttle: boolean;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
  ) {
    this.throttle = runtime.config.lab.isOn('rate-limit');
  }

  async login(request: LoginRequest): Promise<TokenPair> {
    const email = normalizeEmail(request.email);
    const password = typeof request.password === 'string' ? request.password.slice(0, 256) : '';
    const users = this.dataSource.getRepository(UserEntity);
    const user = await users.findOneBy({ email });
    if (!user) {
      await this.hasher.verifyAgainstNobody(password);
      this.runtime.events.emit('auth_failed', { reason: 'unknown_account' });
      throw new ShopError('AUTH.INVALID_CREDENTIALS');
    }
    if (this.throttle && user.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
      const retryAfter = Math.ceil((user.lockedUntil.getTime() - Date.now()) / 1000);
      this.runtime.events.emit('auth_failed', { reason: 'account_throttled', user: user.id });
      throw new ShopError('AUTH.LOGIN_THROTTLED', undefined, { 'retry-after': String(retryAfter) });
    }
    if (!(await this.hasher.verify(user.passwordHash, password))) {
      await this.recordFailure(user.id);
      this.runtime.events.emit('auth_failed', { reason: 'bad_password', user: user.id });
      throw new ShopError('AUTH.INVALID_CREDENTIALS');
    }
    if (user.failedLogins > 0) await users.update({ id: user.id }, { failedLogins: 0, lockedUntil: null });
    return this.tokens.issueForLogin(user);
  }

  /** One atomic UPDATE, so parallel guesses cannot undercount. */
  private async recordFailure(userId: string): Promise<void> {
    // TypeORM answers an UPDATE ... RETURNING on PostgreSQL with [rows, affected].
    const [rows] = (await this.dataSource.query(
      'UPDATE users SET failed_logins = failed_logins + 1 WHERE id = $1 RETURNING failed_logins',
      [userId],
    )) as [Array<{ failed_logins: number }>, number];
    const wait = lockSeconds(rows[0]?.failed_logins ?? 0);
    if (wait > 0) {
      await this.dataSource.getRepository(UserEntity).update({ id: userId }, { lockedUntil: new Date(Date.now() + wait * 1000) });
    }
  }
}
