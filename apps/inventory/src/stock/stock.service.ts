import { Inject, Injectable } from '@nestjs/common';
import { ShopError, type Principal, type Reservation, type StockLine } from '@shop/contracts';
import { DATA_SOURCE, SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';
import { OwnedData, type OwnershipScope } from '@shop/security/ownership';
import type { DataSource } from 'typeorm';
import { ProductEntity } from '../catalogue/product.entity';
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

@Injectable()
export class StockService {
  private readonly data: OwnedData;

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource, @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime) {
    this.data = new OwnedData(dataSource, { filterByOwner: runtime.config.lab.isOn('ownership'), roles: runtime.roles });
  }

  /**
   * Reserves every line or none. Stock is taken with a conditional UPDATE
   * (`stock >= quantity`), so concurrent orders can never oversell, and the
   * CHECK (stock >= 0) constraint backs that up. Idempotent per order.
   */
  reserve(principal: Principal, orderId: string, requested: readonly StockLine[]): Promise<Reservation> {
    const lines = normalizeLines(orderId, requested);
    return this.data.forOwner(principal, async (scope) => {
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

  /** Puts reserved stock back. Releasing twice, or an unknown order, is a no-op. */
  release(principal: Principal, orderId: string): Promise<Reservation> {
    assertOrderId(orderId);
    return this.data.forOwner(principal, async (scope) => {
      const reservations = scope.repository(ReservationEntity);
      // FOR UPDATE: a concurrent release waits, then finds nothing left to release.
      const held = await reservations.find({ orderId, status: 'RESERVED' }, { order: { productId: 'ASC' }, lock: true });
      for (const row of held) {
        await scope.unownedManager.increment(ProductEntity, { id: row.productId }, 'stock', row.quantity);
      }
      if (held.length > 0) await reservations.update({ orderId, status: 'RESERVED' }, { status: 'RELEASED' });
      return toReservation(orderId, await reservations.find({ orderId }), 'RELEASED');
    });
  }
}
