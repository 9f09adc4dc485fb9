import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthClient } from '../clients/auth.client';

@ApiTags('auth')
@Controller('.well-known')
export class JwksController {
  constructor(private readonly auth: AuthClient) {}

  @Get('jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: "auth's public signing keys (JWKS)" })
  async jwks() {
    const { keys } = await this.auth.jwks();
    return { keys: keys.map(({ kty, crv, x, y, kid, alg, use }) => ({ kty, crv, x, y, kid, alg, use })) };
  }
}
