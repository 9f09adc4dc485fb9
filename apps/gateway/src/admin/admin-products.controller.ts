import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@shop/contracts';
import { InventoryClient } from '../clients/inventory.client';
import { Authenticated } from '../security/authenticated.decorator';
import { ImportImageDto, ProductImageResponse } from './dto/import-image.dto';

@ApiTags('admin')
@Controller('api/v1/admin/products')
export class AdminProductsController {
  constructor(private readonly inventory: InventoryClient) {}

  /** Checked here (role) AND in inventory (role from the passport), which fetches through the SSRF guard. */
  @Post(':id/image')
  @Authenticated({ operation: 'admin.products.import-image', role: ROLES.admin })
  @ApiOperation({ summary: 'Import a product image from a URL (admin); inventory fetches it through the SSRF guard' })
  async importImage(@Param('id') id: string, @Body() body: ImportImageDto): Promise<ProductImageResponse> {
    const info = await this.inventory.importImage(id, body.url);
    return { productId: info.productId, contentType: info.contentType, byteSize: info.byteSize, sha256: info.sha256, href: `/api/v1/products/${info.productId}/image` };
  }
}
