/** Mirrors shop.common.v1.PaymentCard. Never log or persist it whole. */
export interface PaymentCard {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}
