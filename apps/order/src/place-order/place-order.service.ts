import { Inject, Injectable } from '@nestjs/common';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { ShopError, type ErrorCode, type Order, type OrderStatus, type PlaceOrderRequest, type Principal, type Reservation } from '@shop/contracts';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';
import { requestContext } from '@shop/observability';
import { InventoryClient } from '../clients/inventory.client';
import { PaymentClient } from '../clients/payment.client';
import { OrderEntity, OrderItemEntity } from '../orders/order.entity';
import { OrdersStore } from '../orders/orders-store';
import { requestHash, validatePlaceOrder } from './place-order-input';

/** Why an order ended without confirming, and the error its caller gets. */
const FAILURES = {
  OUT_OF_STOCK: 'ORDER.OUT_OF_STOCK',
  UNKNOWN_PRODUCT: 'ORDER.UNKNOWN_PRODUCT',
  PAYMENT_DECLINED: 'ORDER.PAYMENT_DECLINED',
  INVALID_PAYMENT: 'REQUEST.VALIDATION_FAILED',
  UPSTREAM_FAILURE: 'UPSTREAM.UNAVAILABLE',
} as const satisfies Record<string, ErrorCode>;
type FailureCode = keyof typeof FAILURES;

/** What the saga knows about the order it created. */
interface PendingOrder {
  readonly id: string;
  readonly createdAt: Date;
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

function isCode(error: unknown, ...codes: ErrorCode[]): boolean {
  return error instanceof ShopError && codes.includes(error.code);
}

/**
 * The checkout saga:
 *   PENDING -> reserve stock -> charge -> CONFIRMED
 * with compensation on every failure (release the stock, refund an unknown
 * charge) and a final status that never changes again. The Idempotency-Key
 * makes retries safe: the same key and request from the same user replays
 * the first outcome without reserving or charging again.
 */
@Injectable()
export class PlaceOrderService {
  constructor(
    private readonly store: OrdersStore,
    private readonly inventory: InventoryClient,
    private readonly payment: PaymentClient,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  async place(principal: Principal, request: PlaceOrderRequest): Promise<Order> {
    validatePlaceOrder(request);
    const started = await this.startOrReplay(principal, request.idempotencyKey, requestHash(request));
    if ('replay' in started) return this.outcome(started.replay);
    const pending = started.pending;

    let reservation: Reservation;
    try {
      reservation = await this.inventory.reserve(pending.id, request.items);
    } catch (error) {
      if (isCode(error, 'INVENTORY.OUT_OF_STOCK')) return this.fail(principal, pending, 'OUT_OF_STOCK');
      if (isCode(error, 'PRODUCT.NOT_FOUND')) return this.fail(principal, pending, 'UNKNOWN_PRODUCT');
      // Outcome unknown (timeout, crash): releasing is idempotent, so just do it.
      await this.compensate('release stock', () => this.inventory.release(pending.id));
      return this.fail(principal, pending, 'UPSTREAM_FAILURE', undefined, error);
    }

    try {
      const payment = await this.payment.charge({
        orderId: pending.id,
        amount: reservation.total,
        currency: reservation.currency,
        card: request.card,
      });
      if (payment.status !== 'APPROVED') {
        await this.compensate('release stock', () => this.inventory.release(pending.id));
        return this.fail(principal, pending, 'PAYMENT_DECLINED', reservation);
      }
    } catch (error) {
      const invalidCard = isCode(error, 'REQUEST.VALIDATION_FAILED');
      if (!invalidCard) await this.compensate('refund', () => this.payment.refund(pending.id), 'PAYMENT.NOT_FOUND');
      await this.compensate('release stock', () => this.inventory.release(pending.id));
      return this.fail(principal, pending, invalidCard ? 'INVALID_PAYMENT' : 'UPSTREAM_FAILURE', reservation, error);
    }
    return this.outcome(await this.finish(principal, pending, 'CONFIRMED', null, reservation));
  }

  /**
   * Creates the PENDING order (committed before any downstream call, so a
   * crash leaves a trace), or finds the order this key already created.
   */
  private async startOrReplay(principal: Principal, key: string, hash: string): Promise<{ replay: Order } | { pending: PendingOrder }> {
    return this.store.data.forOwner(principal, async (scope) => {
      const orders = scope.repository(OrderEntity);
      const pending = { id: randomUUID(), createdAt: new Date() };
      // One round trip on the common path; the unique (owner, key) decides races.
      const created = await orders.insertIfAbsent({ ...pending, idempotencyKey: key, requestHash: hash, status: 'PENDING', failureCode: null, total: 0, currency: 'EUR' });
      if (created) return { pending };
      const existing = await orders.findOne({ idempotencyKey: key });
      if (!existing) throw new ShopError('INTERNAL', 'idempotency conflict without a visible order');
      if (!sameHash(existing.requestHash, hash)) throw new ShopError('ORDER.IDEMPOTENCY_KEY_REUSED');
      return { replay: (await OrdersStore.load(scope, existing.id)) as Order };
    });
  }

  /**
   * Moves a PENDING order to its final status, with its items and total when
   * stock was reserved, in one transaction. A final status never changes
   * again: if the order is no longer PENDING, its stored state wins.
   */
  private finish(principal: Principal, pending: PendingOrder, status: OrderStatus, failure: FailureCode | null, reservation?: Reservation): Promise<Order> {
    return this.store.data.forOwner(principal, async (scope) => {
      const lines = reservation?.lines ?? [];
      const changed = await scope
        .repository(OrderEntity)
        .update({ id: pending.id, status: 'PENDING' }, { status, failureCode: failure, total: reservation?.total ?? 0, currency: reservation?.currency ?? 'EUR' });
      if (changed === 0) return (await OrdersStore.load(scope, pending.id)) as Order;
      if (lines.length > 0) {
        await scope.repository(OrderItemEntity).insert(lines.map((l) => ({ orderId: pending.id, productId: l.productId, quantity: l.quantity, unitPrice: l.unitPrice })));
      }
      return {
        id: pending.id,
        status,
        items: lines.map((l) => ({ productId: l.productId, quantity: l.quantity, unitPrice: l.unitPrice })),
        total: reservation?.total ?? 0,
        currency: reservation?.currency ?? 'EUR',
        createdAt: pending.createdAt.toISOString(),
        failureCode: failure ?? '',
      };
    });
  }

  private async fail(principal: Principal, pending: PendingOrder, failure: FailureCode, reservation?: Reservation, cause?: unknown): Promise<never> {
    if (cause) this.runtime.logger.warn({ err: cause, orderId: pending.id, failure }, 'order failed');
    const status: OrderStatus = failure === 'PAYMENT_DECLINED' ? 'PAYMENT_DECLINED' : 'CANCELLED';
    return this.outcome(await this.finish(principal, pending, status, failure, reservation)) as never;
  }

  /** A confirmed order is returned; any other final state is its stable error, carrying the order id. */
  private outcome(order: Order): Order {
    if (order.status === 'CONFIRMED') return order;
    if (order.status === 'PENDING') throw new ShopError('ORDER.IN_PROGRESS', undefined, { 'order-id': order.id });
    const code: ErrorCode = FAILURES[order.failureCode as FailureCode] ?? 'INTERNAL';
    throw new ShopError(code, undefined, { 'order-id': order.id });
  }

  /** Runs a compensating action; failures are logged loudly, never swallowed silently. */
  private async compensate(what: string, action: () => Promise<unknown>, ignorable?: ErrorCode): Promise<void> {
    try {
      // Compensation usually follows a timeout, when the inbound deadline is
      // spent: it gets a fresh deadline of its own.
      await requestContext.withoutDeadline(action);
    } catch (error) {
      if (ignorable && isCode(error, ignorable)) return;
      this.runtime.logger.error({ err: error, compensation: what }, 'compensation failed; needs attention');
    }
  }
}
