import type { ChargeRequest, Payment } from '@shop/contracts';

/** What the checkout saga needs from payment. Adapter: PaymentClient. */
export interface PaymentPort {
  charge(request: ChargeRequest): Promise<Payment>;
  /** Idempotent; with no charge yet, a late one is refused from then on. */
  refund(orderId: string): Promise<Payment>;
}
