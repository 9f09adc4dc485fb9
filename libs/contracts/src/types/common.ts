/** Mirrors shop.common.v1.PaymentCard. Never log or persist it whole. */
export interface PaymentCard {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

/**
 * A compensating call (refund, release). It always carries a compensation
 * passport bound to `orderId`; the passport's user is the owner. The proto
 * keeps field 2 (`owner_id`) reserved: it was read, unsafely, when recovery
 * called without a passport.
 */
export interface CompensationRequest {
  orderId: string;
}
