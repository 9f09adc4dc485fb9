import { Inject, Injectable } from '@nestjs/common';
import { requestContext } from '@shop/observability';
import type { InventoryPort } from '../clients/inventory.port';
import type { PaymentPort } from '../clients/payment.port';
import { INVENTORY_PORT, PAYMENT_PORT, SAGA_LOGGER } from '../order.constants';
import type { PendingOrder } from '../orders/saga-store.port';
import type { SagaLogger } from './saga-logger.port';

/**
 * Undoes whatever a checkout may have done downstream: refund, then release.
 * Both are idempotent and leave tombstones when there is nothing to undo
 * yet, so a charge or reservation still in flight is refused when it lands.
 * Used by the live saga when a step fails, and by recovery for the sagas
 * that crashed or could not compensate at the time.
 */
@Injectable()
export class SagaCompensation {
  constructor(
    @Inject(INVENTORY_PORT) private readonly inventory: InventoryPort,
    @Inject(PAYMENT_PORT) private readonly payment: PaymentPort,
    @Inject(SAGA_LOGGER) private readonly logger: SagaLogger,
  ) {}

  /** True when everything is undone; false (logged) when a step failed and must be retried later. */
  async undo(order: PendingOrder, steps: { readonly refund: boolean }): Promise<boolean> {
    const refunded = steps.refund ? await this.attempt('refund', order, () => this.payment.refund(order.id, order.ownerId)) : true;
    const released = await this.attempt('release stock', order, () => this.inventory.release(order.id, order.ownerId));
    return refunded && released;
  }

  private async attempt(what: string, order: PendingOrder, action: () => Promise<unknown>): Promise<boolean> {
    try {
      // Compensation usually follows a timeout, when the inbound deadline is
      // spent: it gets a fresh deadline of its own.
      await requestContext.withoutDeadline(action);
      return true;
    } catch (error) {
      this.logger.error({ err: error, orderId: order.id, compensation: what }, 'compensation failed; saga recovery will retry it');
      return false;
    }
  }
}
