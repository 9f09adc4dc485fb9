import { Inject, Injectable } from '@nestjs/common';
import { ShopError, type Order, type PlaceOrderRequest, type Principal, type Reservation } from '@shop/contracts';
import type { InventoryPort } from '../clients/inventory.port';
import type { PaymentPort } from '../clients/payment.port';
import { CLOCK, INVENTORY_PORT, PAYMENT_PORT, SAGA_LOGGER, SAGA_STORE, SAGA_TIMING } from '../order.constants';
import type { PendingOrder, SagaStorePort } from '../orders/saga-store.port';
import type { Clock } from '../saga/clock.port';
import { SagaCompensation } from '../saga/saga-compensation';
import type { SagaLogger } from '../saga/saga-logger.port';
import type { SagaTiming } from '../saga/saga-timing';
import { checkoutOutcome, isCode, type FailureCode } from './checkout-outcome';
import { requestHash, validatePlaceOrder } from './place-order-input';

/**
 * The checkout saga:
 *   validate -> PENDING -> reserve stock -> charge -> CONFIRMED
 * Everything that needs no downstream call (the card included) is checked
 * before any stock is locked. On a failure with an unknown outcome every
 * step is compensated (refund, release: both leave tombstones that refuse a
 * late charge or reservation) before the order is CANCELLED; if compensation
 * itself fails the order stays PENDING and saga recovery finishes it. A
 * final status never changes again. The Idempotency-Key makes retries safe:
 * the same key and request from the same user replays the first outcome.
 */
@Injectable()
export class PlaceOrderService {
  constructor(
    @Inject(SAGA_STORE) private readonly store: SagaStorePort,
    @Inject(INVENTORY_PORT) private readonly inventory: InventoryPort,
    @Inject(PAYMENT_PORT) private readonly payment: PaymentPort,
    private readonly compensation: SagaCompensation,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SAGA_LOGGER) private readonly logger: SagaLogger,
    @Inject(SAGA_TIMING) private readonly timing: SagaTiming,
  ) {}

  /** `compensationPassport`: bound to this checkout's order; without it nothing could be undone. */
  async place(principal: Principal, compensationPassport: string | null, request: PlaceOrderRequest): Promise<Order> {
    validatePlaceOrder(request, this.clock.now());
    const start = { key: request.idempotencyKey, hash: requestHash(request), now: this.clock.now(), compensationPassport };
    const started = await this.store.startOrReplay(principal, start);
    if ('replay' in started) return checkoutOutcome(started.replay);
    return checkoutOutcome(await this.run(started.pending, request));
  }

  private async run(pending: PendingOrder, request: PlaceOrderRequest): Promise<Order> {
    let reservation: Reservation;
    try {
      reservation = await this.inventory.reserve(pending.id, request.items);
    } catch (error) {
      // Reserving is all or nothing: these failures reserved nothing.
      if (isCode(error, 'INVENTORY.OUT_OF_STOCK')) return this.fail(pending, 'OUT_OF_STOCK');
      if (isCode(error, 'PRODUCT.NOT_FOUND')) return this.fail(pending, 'UNKNOWN_PRODUCT');
      return this.giveUp(pending, error, { refund: false });
    }

    try {
      const payment = await this.payment.charge({ orderId: pending.id, amount: reservation.total, currency: reservation.currency, card: request.card });
      if (payment.status !== 'APPROVED') return this.fail(pending, 'PAYMENT_DECLINED', reservation, { refund: false });
    } catch (error) {
      // Validated above, so payment disagreeing about the card is a bug, not the user's fault.
      if (isCode(error, 'REQUEST.VALIDATION_FAILED')) return this.fail(pending, 'INVALID_PAYMENT', reservation, { refund: false });
      return this.giveUp(pending, error, { refund: true });
    }

    const cutoff = new Date(this.clock.now().getTime() - this.timing.deadlineMs);
    const order = await this.store.finish(pending, { status: 'CONFIRMED', failure: null, reservation, notCreatedBefore: cutoff });
    // Too late: recovery owns this order now and undoes it; help it along.
    if (order.status === 'PENDING') return this.giveUp(pending, new Error('saga deadline passed before confirmation'), { refund: true });
    return order;
  }

  /** A known failure: undo what was done (if anything), then the final failed status. */
  private async fail(pending: PendingOrder, failure: FailureCode, reservation?: Reservation, undo?: { refund: boolean }): Promise<Order> {
    if (undo && !(await this.compensation.undo(pending, undo))) return this.leaveForRecovery(pending);
    const status = failure === 'PAYMENT_DECLINED' ? 'PAYMENT_DECLINED' : 'CANCELLED';
    return this.store.finish(pending, { status, failure, reservation });
  }

  /** An unknown outcome (timeout, crash, outage): compensate every step that may have happened, then cancel. */
  private async giveUp(pending: PendingOrder, cause: unknown, undo: { refund: boolean }): Promise<Order> {
    this.logger.warn({ err: cause, orderId: pending.id }, 'checkout gave up; compensating');
    if (!(await this.compensation.undo(pending, undo))) return this.leaveForRecovery(pending);
    return this.store.finish(pending, { status: 'CANCELLED', failure: 'UPSTREAM_FAILURE' });
  }

  /** Compensation failed too: the order stays PENDING and saga recovery finishes it after the deadline. */
  private leaveForRecovery(pending: PendingOrder): never {
    throw new ShopError('UPSTREAM.UNAVAILABLE', undefined, { 'order-id': pending.id });
  }
}
