import { Inject, Injectable } from '@nestjs/common';
import type { AuthServiceMethods, Jwks, LoginRequest, LogoutRequest, RegisterRequest, RegistrationAccepted, TokenPair } from '@shop/contracts';
import { DownstreamClient, SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';

/** gateway -> auth. */
@Injectable()
export class AuthClient extends DownstreamClient<AuthServiceMethods> {
  constructor(@Inject(SERVICE_RUNTIME) runtime: ServiceRuntime) {
    super(runtime, 'auth');
  }

  register(request: RegisterRequest): Promise<RegistrationAccepted> {
    return this.rpc.call('Register', request);
  }

  login(request: LoginRequest): Promise<TokenPair> {
    return this.rpc.call('Login', request);
  }

  refresh(refreshToken: string): Promise<TokenPair> {
    return this.rpc.call('Refresh', { refreshToken });
  }

  async logout(request: LogoutRequest): Promise<void> {
    await this.rpc.call('Logout', request);
  }

  jwks(): Promise<Jwks> {
    return this.rpc.call('GetJwks', {});
  }
}
