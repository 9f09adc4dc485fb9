import { ApiProperty } from '@nestjs/swagger';
import type { Product } from '@shop/contracts';

export class ProductResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Integer minor units (cents)' }) price: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty() stock: number;
}

/** Explicit mapping: a field added upstream is not published until it is added here. */
export function toProductResponse(product: Product): ProductResponse {
  return { id: product.id, name: product.name, price: product.price, currency: product.currency, stock: product.stock };
}
