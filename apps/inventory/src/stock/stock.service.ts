import { Inject, Injectable } from '@nestjs/common';
import { ShopError, type Principal, type Reservation, type StockLine } from '@shop/contracts';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';
import { OwnedData, type OwnershipScope } from '@shop/security/ownership';
import { ProductEntity } from '../catalogue/product.entity';
import { ReleasedOrderEntity } from './released-order.entity';
import { ReservationEntity } from './reservation.entity';
import { assertOrderId, normalizeLines } from './stock-lines';

function toReservation(orderId: string, rows: readonly ReservationEntity[], status: Reservation['status']): Reservation {
  const lines = [...rows]
    .sort((a, b) => a.productId.localeCompare(b.productId))
    .map((r) => ({ productId: r.productId, quantity: r.quantity, unitPrice: r.unitPrice }));
  return {
    orderId,
    status,
    lines,
    total: lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0),
    currency: rows[0]?.currency ?? 'EUR',
  };
}

function sameLines(existing: readonly ReservationEntity[], requested: readonly StockLine[]): boolean {
  const byProduct = new Map(existing.map((r) => [r.productId, r.quantity]));
  return existing.length === requested.length && requested.every((l) => byProduct.get(l.productId) === l.quantity);
}

/**
 * Serializes the reserve and the release of one order (a transaction-scoped
 * advisory lock), so a release can never miss a reservation that is still
 * being written: whichever comes second sees what the first committed.
 */
async function lockOrder(scope: OwnershipScope, orderId: string): Promise<void> {
  await scope.unownedManager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [orderId.toLowerCase()]);
}

@Injectable()
export class StockService {
  constructor(
    /** From OwnershipModule (through PlatformModule). */
    private readonly data: OwnedData,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  /**
   * Reserves every line or none. Stock is taken with a conditional UPDATE
   * (`stock >= quantity`), so concurrent orders can never oversell, and the
   * CHECK (stock >= 0) constraint backs that up. Idempotent per order. An
   * order that was already released (its saga gave up) is refused.
   */
  async reserve(principal: Principal, orderId: string, requested: readonly StockLine[]): Promise<Reservation> {
    const lines = normalizeLines(orderId, requested);
    // Test and lab only: a slow reservation, so it can land after order gave up.
    await this.runtime.config.faults.before('ReserveStock');
    return this.data.forOwner(principal, async (scope) => {
      await lockOrder(scope, orderId);
      if (await scope.repository(ReleasedOrderEntity).findOne({ orderId })) {
        this.runtime.logger.warn({ orderId }, 'late reservation refused: the order gave up and released it');
        throw new ShopError('INVENTORY.RESERVATION_RELEASED');
      }
      const existing = await scope.repository(ReservationEntity).find({ orderId });
      if (existing.length > 0) {
        if (!sameLines(existing, lines)) throw new ShopError('INVENTORY.RESERVATION_CONFLICT');
        return toReservation(orderId, existing, existing[0].status);
      }
      const rows: ReservationEntity[] = [];
      for (const line of lines) rows.push(await this.take(scope, orderId, line));
      if (new Set(rows.map((r) => r.currency)).size > 1) throw new ShopError('REQUEST.VALIDATION_FAILED', 'products in different currencies');
      await scope.repository(ReservationEntity).insert(rows.map(({ ownerId: _owner, ...row }) => row));
      return toReservation(orderId, rows, 'RESERVED');
    });
  }

  private async take(scope: OwnershipScope, orderId: string, line: StockLine): Promise<ReservationEntity> {
    const manager = scope.unownedManager;
    const result = await manager
      .createQueryBuilder()
      .update(ProductEntity)
      .set({ stock: () => 'stock - :quantity' })
      .where('id = :id AND stock >= :quantity', { id: line.productId, quantity: line.quantity })
      .returning(['price', 'currency'])
      .execute();
    const updated = (result.raw as Array<{ price: string; currency: string }>)[0];
    if (!updated) {
      const exists = await manager.existsBy(ProductEntity, { id: line.productId });
      throw new ShopError(exists ? 'INVENTORY.OUT_OF_STOCK' : 'PRODUCT.NOT_FOUND', undefined, { product: line.productId });
    }
    return Object.assign(new ReservationEntity(), {
      orderId,
      productId: line.productId,
      ownerId: scope.ownerId,
      quantity: line.quantity,
      unitPrice: Number(updated.price),
      currency: updated.currency,
      status: 'RESERVED' as const,
    });
  }

  /**
   * Puts reserved stock back; releasing twice is a no-op. Releasing an order
   * with no reservation yet leaves a tombstone that refuses a late one.
   */
  release(principal: Principal, orderId: string): Promise<Reservation> {
    assertOrderId(orderId);
    return this.data.forOwner(principal, async (scope) => {
      await lockOrder(scope, orderId);
      const reservations = scope.repository(ReservationEntity);
      // FOR UPDATE: a concurrent release waits, then finds nothing left to release.
      const held = await reservations.find({ orderId, status: 'RESERVED' }, { order: { productId: 'ASC' }, lock: true });
      for (const row of held) {
        await scope.unownedManager.increment(ProductEntity, { id: row.productId }, 'stock', row.quantity);
      }
      if (held.length > 0) await reservations.update({ orderId, status: 'RESERVED' }, { status: 'RELEASED' });
      const all = await reservations.find({ orderId });
      if (all.length === 0) await scope.repository(ReleasedOrderEntity).insertIfAbsent({ orderId });
      return toReservation(orderId, all, 'RELEASED');
    });
  }
}
