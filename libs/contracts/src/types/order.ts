import type { PaymentCard } from './common';

/** Mirrors shop.order.v1. */
export const ORDER_STATUSES = ['PENDING', 'CONFIRMED', 'PAYMENT_DECLINED', 'CANCELLED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface OrderItemInput {
  productId: string;
  quantity: number;
}
export interface PlaceOrderRequest {
  idempotencyKey: string;
  items: OrderItemInput[];
  card: PaymentCard;
}
export interface OrderItem {
  productId: string;
  quantity: number;
  unitPrice: number;
}
export interface Order {
  id: string;
  status: OrderStatus;
  items: OrderItem[];
  total: number;
  currency: string;
  createdAt: string;
  /** Empty unless the order ended without confirming. */
  failureCode: string;
}
export interface OrderList {
  items: Order[];
}

export interface OrderServiceMethods {
  PlaceOrder: { request: PlaceOrderRequest; response: Order };
  GetOrder: { request: { id: string }; response: Order };
  ListMyOrders: { request: Record<string, never>; response: OrderList };
  AdminListOrders: { request: { limit: number }; response: OrderList };
}
