import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthClient } from '../clients/auth.client';
import { ApiOkResponse } from '@nestjs/swagger';
import { ApiProblems } from '../http/api-problems.decorator';
import { JwksResponse } from '../http/list-responses';

@ApiTags('auth')
@Controller('.well-known')
export class JwksController {
  constructor(private readonly auth: AuthClient) {}

  @Get('jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: "auth's public signing keys (JWKS)" })
  @ApiOkResponse({ type: JwksResponse })
  @ApiProblems()
  async jwks(): Promise<JwksResponse> {
    const { keys } = await this.auth.jwks();
    return { keys: keys.map(({ kty, crv, x, y, kid, alg, use }) => ({ kty, crv, x, y, kid, alg, use })) };
  }
}
