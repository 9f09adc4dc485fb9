import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { Order, Principal } from '@shop/contracts';
import { OwnedData, type OwnershipScope } from '@shop/security/ownership';
import { OrderEntity, OrderItemEntity } from './order.entity';
import { toOrder } from './order-view';

/** Order persistence. Every path is owner-scoped except the explicit admin listing. */
@Injectable()
export class OrdersStore {
  /** From OwnershipModule (through PlatformModule). */
  constructor(readonly data: OwnedData) {}

  static async load(scope: OwnershipScope, id: string): Promise<Order | undefined> {
    const order = await scope.repository(OrderEntity).findOne({ id });
    if (!order) return undefined;
    return toOrder(order, await scope.repository(OrderItemEntity).find({ orderId: id }));
  }

  get(principal: Principal, id: string): Promise<Order | undefined> {
    return this.data.forOwner(principal, (scope) => OrdersStore.load(scope, id));
  }

  listMine(principal: Principal, limit = 100): Promise<Order[]> {
    return this.data.forOwner(principal, async (scope) => {
      const orders = await scope.repository(OrderEntity).find({}, { order: { createdAt: 'DESC' }, take: limit });
      if (orders.length === 0) return [];
      const items = await scope.repository(OrderItemEntity).find({ orderId: In(orders.map((o) => o.id)) });
      return orders.map((o) => toOrder(o, items));
    });
  }

  /** Admin path: role checked from the passport, then every user's orders. */
  listAll(principal: Principal, limit: number): Promise<Order[]> {
    return this.data.asAdmin(principal, async (manager) => {
      const orders = await manager.find(OrderEntity, { order: { createdAt: 'DESC' }, take: limit });
      if (orders.length === 0) return [];
      const items = await manager.find(OrderItemEntity, { where: { orderId: In(orders.map((o) => o.id)) } });
      return orders.map((o) => toOrder(o, items));
    });
  }
}
