import { Module } from '@nestjs/common';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';
import { AccessTokenIssuer } from '@shop/security/access-token';
import { AuthController } from './auth.controller';
import { LoginService } from './login/login.service';
import { ProductionGuard } from './production-guard';
import { TokenService } from './tokens/token.service';
import { PasswordHasher } from './users/password-hasher';
import { RegistrationService } from './users/registration.service';

@Module({
  controllers: [AuthController],
  providers: [
    PasswordHasher,
    RegistrationService,
    LoginService,
    TokenService,
    ProductionGuard,
    {
      provide: AccessTokenIssuer,
      inject: [SERVICE_RUNTIME],
      useFactory: async (runtime: ServiceRuntime) =>
        (await AccessTokenIssuer.create(runtime.secrets, runtime.config.env === 'production')).watch((error) =>
          runtime.logger.error({ err: error }, 'access-token key reload failed; keeping the previous keys'),
        ),
    },
  ],
})
export class AuthModule {}
