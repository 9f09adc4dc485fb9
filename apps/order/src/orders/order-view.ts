import type { Order } from '@shop/contracts';
import type { OrderEntity, OrderItemEntity } from './order.entity';

/** The one outward shape of an order: explicit fields, no owner, key or hash. */
export function toOrder(order: OrderEntity, items: readonly OrderItemEntity[]): Order {
  return {
    id: order.id,
    status: order.status,
    items: items
      .filter((i) => i.orderId === order.id)
      .map((i) => ({ productId: i.productId, quantity: i.quantity, unitPrice: i.unitPrice })),
    total: order.total,
    currency: order.currency,
    createdAt: order.createdAt.toISOString(),
    failureCode: order.failureCode ?? '',
  };
}
