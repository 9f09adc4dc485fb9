/** Mirrors shop.common.v1.PaymentCard. Never log or persist it whole. */
export interface PaymentCard {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

/**
 * A compensating call (refund, release). `ownerId` is read only when the call
 * carries no user passport: order's saga recovery finishing a checkout whose
 * user is long gone. With a passport, the passport's user is the owner.
 */
export interface CompensationRequest {
  orderId: string;
  ownerId?: string;
}
