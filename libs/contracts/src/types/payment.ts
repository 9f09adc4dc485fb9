import type { PaymentCard } from './common';

/** Mirrors shop.payment.v1. */
export type PaymentStatus = 'APPROVED' | 'DECLINED' | 'REFUNDED';
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
  Refund: { request: { orderId: string }; response: Payment };
}
