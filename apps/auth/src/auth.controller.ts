import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { AUTH_V1, type AuthServiceMethods, type Principal } from '@shop/contracts';
import { CurrentPrincipal } from '@shop/platform';
import { AccessTokenIssuer } from '@shop/security/access-token';
import { LoginService } from './login/login.service';
import { TokenService } from './tokens/token.service';
import { RegistrationService } from './users/registration.service';

type Methods = AuthServiceMethods;

/** All of auth's RPCs; only the gateway may call them (topology). */
@Controller()
export class AuthController {
  constructor(
    private readonly registration: RegistrationService,
    private readonly logins: LoginService,
    private readonly tokens: TokenService,
    private readonly issuer: AccessTokenIssuer,
  ) {}

  @GrpcMethod(AUTH_V1.service, 'Register')
  register(@Payload() request: Methods['Register']['request']) {
    return this.registration.register(request);
  }

  @GrpcMethod(AUTH_V1.service, 'Login')
  login(@Payload() request: Methods['Login']['request']) {
    return this.logins.login(request);
  }

  @GrpcMethod(AUTH_V1.service, 'Refresh')
  refresh(@Payload() request: Methods['Refresh']['request']) {
    return this.tokens.refresh(request.refreshToken);
  }

  @GrpcMethod(AUTH_V1.service, 'Logout')
  async logout(@Payload() request: Methods['Logout']['request'], @CurrentPrincipal() principal: Principal) {
    await this.tokens.logout(principal, request.refreshToken, request.sessionId);
    return {};
  }

  @GrpcMethod(AUTH_V1.service, 'GetJwks')
  jwks(): Methods['GetJwks']['response'] {
    return { keys: this.issuer.jwks() };
  }
}
