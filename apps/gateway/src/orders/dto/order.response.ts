import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORDER_STATUSES, type Order, type OrderStatus } from '@shop/contracts';

export class OrderItemResponse {
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty() quantity: number;
  @ApiProperty({ description: 'Integer minor units' }) unitPrice: number;
}

export class OrderResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status: OrderStatus;
  @ApiProperty({ type: [OrderItemResponse] }) items: OrderItemResponse[];
  @ApiProperty({ description: 'Integer minor units' }) total: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ description: 'Why the order did not confirm' }) failureCode?: string;
}

/** Explicit mapping (OWASP API3): internal fields never reach a client. */
export function toOrderResponse(order: Order): OrderResponse {
  return {
    id: order.id,
    status: order.status,
    items: order.items.map((i) => ({ productId: i.productId, quantity: i.quantity, unitPrice: i.unitPrice })),
    total: order.total,
    currency: order.currency,
    createdAt: order.createdAt,
    ...(order.failureCode ? { failureCode: order.failureCode } : {}),
  };
}
