import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '@shop/security/access-token';
import type { Request } from 'express';
import { AuthClient } from '../clients/auth.client';
import { NoStore } from '../http/no-store.decorator';
import { LoginRoute, RegisterRoute } from '../rate-limit/login-route.decorator';
import { AccessTokenRevoker } from '../security/access-token-revoker';
import { Authenticated } from '../security/authenticated.decorator';
import { LoginDto, TokenPairResponse } from './dto/login.dto';
import { LogoutDto, RefreshDto } from './dto/refresh.dto';
import { RegisterDto, RegistrationAcceptedResponse } from './dto/register.dto';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse } from '@nestjs/swagger';
import { ApiProblems, BODY_PROBLEMS, TOKEN_PROBLEMS } from '../http/api-problems.decorator';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthClient,
    private readonly accessTokens: AccessTokenRevoker,
  ) {}

  @Post('register')
  @HttpCode(201)
  @RegisterRoute()
  @ApiOperation({ summary: 'Create a customer account; the answer is the same whether the email is new or taken' })
  @ApiCreatedResponse({ type: RegistrationAcceptedResponse })
  @ApiProblems(...BODY_PROBLEMS)
  async register(@Body() body: RegisterDto): Promise<RegistrationAcceptedResponse> {
    // The DTO is whitelisted: unknown fields (say, roles) were already refused.
    const accepted = await this.auth.register(body);
    return { email: accepted.email };
  }

  @Post('login')
  @HttpCode(200)
  @LoginRoute()
  @NoStore()
  @ApiOperation({ summary: 'Exchange email and password for an access and a refresh token' })
  @ApiOkResponse({ type: TokenPairResponse })
  @ApiProblems(...BODY_PROBLEMS, 'AUTH.INVALID_CREDENTIALS', 'AUTH.LOGIN_THROTTLED')
  async login(@Body() body: LoginDto): Promise<TokenPairResponse> {
    return this.tokenPair(await this.auth.login({ email: body.email, password: body.password }));
  }

  @Post('refresh')
  @HttpCode(200)
  @NoStore()
  @ApiOperation({ summary: 'Rotate a refresh token; reusing an old one revokes its family' })
  @ApiOkResponse({ type: TokenPairResponse })
  @ApiProblems(...BODY_PROBLEMS, 'AUTH.REFRESH_INVALID', 'AUTH.REFRESH_REUSED')
  async refresh(@Body() body: RefreshDto): Promise<TokenPairResponse> {
    return this.tokenPair(await this.auth.refresh(body.refreshToken));
  }

  @Post('logout')
  @HttpCode(204)
  @Authenticated({ operation: 'auth.logout' })
  @ApiOperation({ summary: "Revoke this access token and its session's refresh-token family (and the given refresh token's family)" })
  @ApiNoContentResponse({ description: 'Logged out' })
  @ApiProblems(...BODY_PROBLEMS, ...TOKEN_PROBLEMS)
  async logout(@Body() body: LogoutDto, @Req() request: Request & { user: AuthenticatedUser }): Promise<void> {
    await this.accessTokens.revoke(request.user);
    // The session (`sid`) ends even when the client sends no refresh token.
    await this.auth.logout({ refreshToken: body.refreshToken, sessionId: request.user.sid });
  }

  private tokenPair(pair: TokenPairResponse): TokenPairResponse {
    return { accessToken: pair.accessToken, refreshToken: pair.refreshToken, tokenType: pair.tokenType, expiresIn: pair.expiresIn };
  }
}
