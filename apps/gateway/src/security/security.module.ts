import { Module } from '@nestjs/common';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';
import { AccessTokenStrategy, JwksCache, MemoryTokenDenylist, RedisTokenDenylist, type TokenDenylist } from '@shop/security/access-token';
import { PassportMinter } from '@shop/security/passport';
import type Redis from 'ioredis';
import { AuthClient } from '../clients/auth.client';
import { REDIS_CONNECTION } from '../rate-limit/rate-limit.constants';
import { RedisModule } from '../rate-limit/redis.module';
import { AccessRequirementsGuard } from './access-requirements.guard';
import { AccessTokenRevoker } from './access-token-revoker';
import { BearerGuard } from './bearer.guard';
import { PASSPORT_MINTER, REVOCATION_ENFORCED, TOKEN_DENYLIST } from './security.constants';

/**
 * Bearer validation, the logout denylist and passport minting. Routes use
 * them through @Authenticated() (@UseGuards). The lab's `revocation` switch
 * is read here, once, for both halves of the denylist.
 */
@Module({
  imports: [RedisModule],
  providers: [
    AuthClient,
    BearerGuard,
    AccessRequirementsGuard,
    { provide: REVOCATION_ENFORCED, inject: [SERVICE_RUNTIME], useFactory: (runtime: ServiceRuntime) => runtime.config.lab.isOn('revocation') },
    {
      provide: TOKEN_DENYLIST,
      inject: [REDIS_CONNECTION, SERVICE_RUNTIME],
      useFactory: (redis: Redis | null, runtime: ServiceRuntime): TokenDenylist =>
        redis ? new RedisTokenDenylist(redis, `${runtime.config.redisKeyPrefix}denylist:jti:`) : new MemoryTokenDenylist(),
    },
    {
      provide: JwksCache,
      inject: [AuthClient, SERVICE_RUNTIME],
      useFactory: (auth: AuthClient, runtime: ServiceRuntime) =>
        new JwksCache(() => auth.jwks(), undefined, (error) => {
          runtime.metrics.jwksRefreshFailures.inc();
          runtime.logger.error({ err: error }, 'JWKS refresh failed; keeping the keys we have');
        }),
    },
    {
      provide: AccessTokenStrategy,
      inject: [JwksCache, TOKEN_DENYLIST, REVOCATION_ENFORCED],
      useFactory: (jwks: JwksCache, denylist: TokenDenylist, checkDenylist: boolean) => new AccessTokenStrategy({ jwks, denylist, checkDenylist }),
    },
    {
      provide: AccessTokenRevoker,
      inject: [TOKEN_DENYLIST, REVOCATION_ENFORCED, SERVICE_RUNTIME],
      useFactory: (denylist: TokenDenylist, enforced: boolean, runtime: ServiceRuntime) => new AccessTokenRevoker(enforced ? denylist : null, runtime.events),
    },
    {
      provide: PASSPORT_MINTER,
      inject: [SERVICE_RUNTIME],
      useFactory: async (runtime: ServiceRuntime) =>
        (await PassportMinter.create(runtime.secrets, runtime.config.trustDomain, runtime.config.env === 'production')).watch(
          (error) => runtime.logger.error({ err: error }, 'passport key reload failed; keeping the previous key'),
          (kid) => runtime.logger.info({ kid }, 'passport signing key reloaded'),
        ),
    },
  ],
  exports: [AuthClient, BearerGuard, AccessRequirementsGuard, AccessTokenRevoker, PASSPORT_MINTER],
})
export class SecurityModule {}
