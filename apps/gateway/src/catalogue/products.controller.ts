import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { InventoryClient } from '../clients/inventory.client';
import { ProductResponse, toProductResponse } from './dto/product.response';
import { ApiOkResponse } from '@nestjs/swagger';
import { ApiProblems } from '../http/api-problems.decorator';
import { ProductListResponse } from '../http/list-responses';

@ApiTags('catalogue')
@Controller('api/v1/products')
export class ProductsController {
  constructor(private readonly inventory: InventoryClient) {}

  @Get()
  @ApiOperation({ summary: 'The catalogue, with stock' })
  @ApiOkResponse({ type: ProductListResponse })
  @ApiProblems()
  async list(): Promise<{ items: ProductResponse[] }> {
    return { items: (await this.inventory.list()).map(toProductResponse) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One product' })
  @ApiOkResponse({ type: ProductResponse })
  @ApiProblems('PRODUCT.NOT_FOUND', 'REQUEST.VALIDATION_FAILED')
  async get(@Param('id') id: string): Promise<ProductResponse> {
    return toProductResponse(await this.inventory.get(id));
  }

  /**
   * The imported bytes with the type stored at import. nosniff keeps a
   * browser from second-guessing that type, and the sandboxing CSP keeps
   * anything that is not an image from running as this origin.
   */
  @Get(':id/image')
  @ApiOperation({ summary: "A product's image" })
  @ApiProduces('image/png', 'image/jpeg', 'image/gif', 'image/webp')
  @ApiOkResponse({ description: 'The image bytes, typed as detected at import', content: Object.fromEntries(['image/png', 'image/jpeg', 'image/gif', 'image/webp'].map((type) => [type, { schema: { type: 'string', format: 'binary' } }])) })
  @ApiProblems('IMAGE.NOT_FOUND', 'PRODUCT.NOT_FOUND', 'REQUEST.VALIDATION_FAILED')
  async image(@Param('id') id: string, @Res() response: Response): Promise<void> {
    const image = await this.inventory.image(id);
    response
      .status(200)
      .set({
        'Content-Type': image.contentType,
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; sandbox",
        'Cache-Control': 'public, max-age=300',
        ETag: `"${image.sha256}"`,
      })
      .end(image.data);
  }
}
