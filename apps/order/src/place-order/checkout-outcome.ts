import { ShopError, type ErrorCode, type Order } from '@shop/contracts';

/** Why an order ended without confirming, and the error its caller gets. */
export const FAILURES = {
  OUT_OF_STOCK: 'ORDER.OUT_OF_STOCK',
  UNKNOWN_PRODUCT: 'ORDER.UNKNOWN_PRODUCT',
  PAYMENT_DECLINED: 'ORDER.PAYMENT_DECLINED',
  INVALID_PAYMENT: 'REQUEST.VALIDATION_FAILED',
  UPSTREAM_FAILURE: 'UPSTREAM.UNAVAILABLE',
} as const satisfies Record<string, ErrorCode>;
export type FailureCode = keyof typeof FAILURES;

export function isCode(error: unknown, ...codes: ErrorCode[]): boolean {
  return error instanceof ShopError && codes.includes(error.code);
}

/** A confirmed order is returned; any other final state is its stable error, carrying the order id. */
export function checkoutOutcome(order: Order): Order {
  if (order.status === 'CONFIRMED') return order;
  if (order.status === 'PENDING') throw new ShopError('ORDER.IN_PROGRESS', undefined, { 'order-id': order.id });
  const code: ErrorCode = FAILURES[order.failureCode as FailureCode] ?? 'INTERNAL';
  throw new ShopError(code, undefined, { 'order-id': order.id });
}
