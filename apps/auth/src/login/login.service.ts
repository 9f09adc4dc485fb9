import { Inject, Injectable } from '@nestjs/common';
import { ShopError, type LoginRequest, type TokenPair } from '@shop/contracts';
import { DATA_SOURCE, SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';
import type { DataSource } from 'typeorm';
import { TokenService } from '../tokens/token.service';
import { PasswordHasher } from '../users/password-hasher';
import { UserEntity } from '../users/user.entity';
import { normalizeEmail } from '../users/user-input';
import { LOGIN_THROTTLE } from '../auth.constants';
import { emailKey, type AttemptThrottle } from './login-throttle';

/**
 * Password login with per-email throttling (a growing delay after repeated
 * failures, see LoginThrottle; the gateway adds a per-IP limit). A wrong
 * password and an unknown email get the same answer, take the same time and
 * are throttled the same way.
 */
@Injectable()
export class LoginService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    @Inject(LOGIN_THROTTLE) private readonly throttle: AttemptThrottle,
  ) {}

  async login(request: LoginRequest): Promise<TokenPair> {
    const email = normalizeEmail(request.email);
    const password = typeof request.password === 'string' ? request.password.slice(0, 256) : '';
    const key = emailKey(email);
    const claim = await this.throttle.claimAttempt(key);
    if (!claim.allowed) {
      this.runtime.events.emit('auth_failed', { reason: 'account_throttled' });
      throw new ShopError('AUTH.LOGIN_THROTTLED', undefined, { 'retry-after': String(claim.retryAfterSeconds) });
    }
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ email });
    if (!user) {
      await this.hasher.verifyAgainstNobody(password);
      this.runtime.events.emit('auth_failed', { reason: 'unknown_account' });
      throw new ShopError('AUTH.INVALID_CREDENTIALS');
    }
    if (!(await this.hasher.verify(user.passwordHash, password))) {
      this.runtime.events.emit('auth_failed', { reason: 'bad_password', user: user.id });
      throw new ShopError('AUTH.INVALID_CREDENTIALS');
    }
    await this.throttle.clear(key);
    return this.tokens.issueForLogin(user);
  }
}
