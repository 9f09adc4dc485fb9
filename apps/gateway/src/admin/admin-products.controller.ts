import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES, type ErrorCode } from '@shop/contracts';
import { InventoryClient } from '../clients/inventory.client';
import { Authenticated } from '../security/authenticated.decorator';
import { ImportImageDto, ProductImageResponse } from './dto/import-image.dto';
import { ApiProblems, BODY_PROBLEMS, TOKEN_PROBLEMS } from '../http/api-problems.decorator';

// The SSRF guard's refusals (libs/security/ssrf), as inventory reports them.
const SSRF_CODES: ErrorCode[] = ['SSRF.URL_INVALID', 'SSRF.SCHEME_NOT_ALLOWED', 'SSRF.CREDENTIALS_IN_URL', 'SSRF.HOST_UNRESOLVABLE', 'SSRF.ADDRESS_NOT_ALLOWED', 'SSRF.PORT_NOT_ALLOWED', 'SSRF.TOO_MANY_REDIRECTS', 'SSRF.TOO_LARGE', 'SSRF.NOT_AN_IMAGE', 'SSRF.TIMEOUT'];

@ApiTags('admin')
@Controller('api/v1/admin/products')
export class AdminProductsController {
  constructor(private readonly inventory: InventoryClient) {}

  /** Checked here (role) AND in inventory (role from the passport), which fetches through the SSRF guard. */
  @Post(':id/image')
  @Authenticated({ operation: 'admin.products.import-image', role: ROLES.admin })
  @ApiOperation({ summary: 'Import a product image from a URL (admin); inventory fetches it through the SSRF guard' })
  @ApiCreatedResponse({ type: ProductImageResponse })
  @ApiProblems(...BODY_PROBLEMS, ...TOKEN_PROBLEMS, 'AUTH.FORBIDDEN', 'PRODUCT.NOT_FOUND', 'IMAGE.FETCH_FAILED', ...SSRF_CODES)
  async importImage(@Param('id') id: string, @Body() body: ImportImageDto): Promise<ProductImageResponse> {
    const info = await this.inventory.importImage(id, body.url);
    return { productId: info.productId, contentType: info.contentType, byteSize: info.byteSize, sha256: info.sha256, href: `/api/v1/products/${info.productId}/image` };
  }
}
