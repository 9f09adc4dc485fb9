import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InventoryClient } from '../clients/inventory.client';
import { toProductResponse, type ProductResponse } from './dto/product.response';

@ApiTags('catalogue')
@Controller('api/v1/products')
export class ProductsController {
  constructor(private readonly inventory: InventoryClient) {}

  @Get()
  @ApiOperation({ summary: 'The catalogue, with stock' })
  async list(): Promise<{ items: ProductResponse[] }> {
    return { items: (await this.inventory.list()).map(toProductResponse) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One product' })
  async get(@Param('id') id: string): Promise<ProductResponse> {
    return toProductResponse(await this.inventory.get(id));
  }
}
