import type { CompensationRequest, PaymentCard } from './common';

/** Mirrors shop.payment.v1. */
/** VOIDED: refunded before any charge existed; a late charge is then refused. */
export type PaymentStatus = 'APPROVED' | 'DECLINED' | 'REFUNDED' | 'VOIDED';
export interface ChargeRequest {
  orderId: string;
  amount: number;
  currency: string;
  card: PaymentCard;
}
export interface Payment {
  id: string;
  orderId: string;
  status: PaymentStatus;
  amount: number;
  currency: string;
  cardBrand: string;
  cardLast4: string;
  declineCode: string;
}

export interface PaymentServiceMethods {
  Charge: { request: ChargeRequest; response: Payment };
  Refund: { request: CompensationRequest; response: Payment };
}
