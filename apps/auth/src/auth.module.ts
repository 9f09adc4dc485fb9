import { Module } from '@nestjs/common';
import { DATA_SOURCE, SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';
import { AccessTokenIssuer } from '@shop/security/access-token';
import type { DataSource } from 'typeorm';
import { AuthController } from './auth.controller';
import { LOGIN_THROTTLE, REQUESTED_ROLES_ACCEPTED, REVOCATION_ENFORCED } from './auth.constants';
import { LoginThrottle, UNTHROTTLED } from './login/login-throttle';
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
    // The lab switches auth honours, each read once here (libs/config/src/lab-mode.ts lists every reader).
    {
      provide: LOGIN_THROTTLE,
      inject: [DATA_SOURCE, SERVICE_RUNTIME],
      useFactory: (dataSource: DataSource, runtime: ServiceRuntime) => (runtime.config.lab.isOn('rate-limit') ? new LoginThrottle(dataSource) : UNTHROTTLED),
    },
    { provide: REVOCATION_ENFORCED, inject: [SERVICE_RUNTIME], useFactory: (runtime: ServiceRuntime) => runtime.config.lab.isOn('revocation') },
    { provide: REQUESTED_ROLES_ACCEPTED, inject: [SERVICE_RUNTIME], useFactory: (runtime: ServiceRuntime) => !runtime.config.lab.isOn('mass-assignment') },
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
