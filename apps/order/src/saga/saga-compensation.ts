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
    const passport = order.compensationPassport;
    if (passport === null) {
      // Payment and inventory refuse to undo without it; retrying cannot help.
      this.logger.error({ orderId: order.id }, 'order has no compensation passport; an operator must finish it');
      return false;
    }
    const refunded = steps.refund ? await this.attempt('refund', order, passport, () => this.payment.refund(order.id)) : true;
    const released = await this.attempt('release stock', order, passport, () => this.inventory.release(order.id));
    return refunded && released;
  }

  private async attempt(what: string, order: PendingOrder, passport: string, action: () => Promise<unknown>): Promise<boolean> {
    try {
      // Undoing needs the order's compensation passport (the request's own is
      // for placing it, and may have expired), and a fresh deadline: it
      // usually follows a timeout, when the inbound one is spent.
      await requestContext.withPassport(passport, action);
      return true;
    } catch (error) {
      this.logger.error({ err: error, orderId: order.id, compensation: what }, 'compensation failed; saga recovery will retry it');
      return false;
    }
  }
}
