import { ApiProperty } from '@nestjs/swagger';
import { ProductResponse } from '../catalogue/dto/product.response';
import { OrderResponse } from '../orders/dto/order.response';

/** Collections are wrapped in `{ items }` so fields can be added without breaking clients. */
export class ProductListResponse {
  @ApiProperty({ type: [ProductResponse] }) items: ProductResponse[];
}

export class OrderListResponse {
  @ApiProperty({ type: [OrderResponse] }) items: OrderResponse[];
}

/** One public key of auth's JWKS (EC P-256). */
export class JwkResponse {
  @ApiProperty({ example: 'EC' }) kty: string;
  @ApiProperty({ example: 'P-256' }) crv: string;
  @ApiProperty() x: string;
  @ApiProperty() y: string;
  @ApiProperty() kid: string;
  @ApiProperty({ example: 'ES256' }) alg: string;
  @ApiProperty({ example: 'sig' }) use: string;
}

export class JwksResponse {
  @ApiProperty({ type: [JwkResponse] }) keys: JwkResponse[];
}
