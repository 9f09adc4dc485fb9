import { Injectable } from '@nestjs/common';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { IsNull, LessThan, MoreThanOrEqual } from 'typeorm';
import { ShopError, type Order, type Principal } from '@shop/contracts';
import { OrderEntity, OrderItemEntity } from './order.entity';
import { OrdersStore } from './orders-store';
import type { CheckoutStart, Finish, PendingOrder, SagaStorePort } from './saga-store.port';

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Marks a PENDING order that saga recovery has taken over (shown as its failure code until it is final). */
export const RECOVERING = 'RECOVERING';

/** Recovery writes for an owner who is not on the line: no roles, no scope. */
function ownerOnly(ownerId: string): Principal {
  return { sub: ownerId, roles: [], scope: [], jti: 'saga' };
}

/** The saga's store on PostgreSQL: every write owner-scoped (RLS and owner filter). */
@Injectable()
export class SagaOrdersRepository implements SagaStorePort {
  constructor(private readonly store: OrdersStore) {}

  startOrReplay(principal: Principal, { key, hash, now, compensationPassport }: CheckoutStart): Promise<{ replay: Order } | { pending: PendingOrder }> {
    return this.store.data.forOwner(principal, async (scope) => {
      const orders = scope.repository(OrderEntity);
      // The id the checkout passport is bound to (a random one only in lab mode without binding).
      const pending = { id: principal.orderId ?? randomUUID(), ownerId: principal.sub, createdAt: now, compensationPassport };
      // One round trip on the common path; the unique (owner, key) decides races.
      const created = await orders.insertIfAbsent({ id: pending.id, createdAt: now, idempotencyKey: key, requestHash: hash, status: 'PENDING', failureCode: null, total: 0, currency: 'EUR', compensationPassport });
      if (created) return { pending };
      const existing = await orders.findOne({ idempotencyKey: key });
      // The id is taken but not by this key: the checkout passport was replayed for a second order.
      if (!existing) throw new ShopError('PASSPORT.WRONG_ORDER', 'this checkout passport already placed another order');
      if (!sameHash(existing.requestHash, hash)) throw new ShopError('ORDER.IDEMPOTENCY_KEY_REUSED');
      return { replay: (await OrdersStore.load(scope, existing.id)) as Order };
    });
  }

  finish(order: PendingOrder, finish: Finish): Promise<Order> {
    return this.store.data.forOwner(ownerOnly(order.ownerId), async (scope) => {
      const { reservation } = finish;
      const lines = (reservation?.lines ?? []).map((l) => ({ productId: l.productId, quantity: l.quantity, unitPrice: l.unitPrice }));
      const total = reservation?.total ?? 0;
      const currency = reservation?.currency ?? 'EUR';
      // A confirmation must not land on a saga that gave up or that recovery claimed (it is undoing it).
      const inTime = finish.notCreatedBefore ? { createdAt: MoreThanOrEqual(finish.notCreatedBefore), failureCode: IsNull() } : {};
      const changed = await scope
        .repository(OrderEntity)
        .update({ id: order.id, status: 'PENDING', ...inTime }, { status: finish.status, failureCode: finish.failure, total, currency, compensationPassport: null });
      if (changed === 0) return (await OrdersStore.load(scope, order.id)) as Order;
      if (lines.length > 0) await scope.repository(OrderItemEntity).insert(lines.map((l) => ({ orderId: order.id, ...l })));
      const createdAt = order.createdAt.toISOString();
      return { id: order.id, status: finish.status, items: lines, total, currency, createdAt, failureCode: finish.failure ?? '' };
    });
  }

  claimForRecovery(order: PendingOrder, cutoff: Date): Promise<boolean> {
    return this.store.data.forOwner(ownerOnly(order.ownerId), async (scope) => {
      const claimed = await scope
        .repository(OrderEntity)
        .update({ id: order.id, status: 'PENDING', createdAt: LessThan(cutoff) }, { failureCode: RECOVERING });
      return claimed > 0;
    });
  }

  stalePending(cutoff: Date, limit: number): Promise<PendingOrder[]> {
    return this.store.data.asSystemReader(async (manager) => {
      const rows = await manager.find(OrderEntity, { where: { status: 'PENDING', createdAt: LessThan(cutoff) }, order: { createdAt: 'ASC' }, take: limit });
      return rows.map((r) => ({ id: r.id, ownerId: r.ownerId, createdAt: r.createdAt, compensationPassport: r.compensationPassport }));
    });
  }
}
