import type { Client } from 'pg';

/** The checkout's invariants, read straight from the four schemas (superuser: no RLS in the way). */
export interface SagaInvariants {
  readonly pendingOrders: number;
  readonly confirmedOrders: number;
  readonly cancelledOrders: number;
  /** Starting stock minus (current stock + units of CONFIRMED orders): 0 when nothing leaked or oversold. */
  readonly stockMismatch: number;
  /** Units held by RESERVED reservations minus units of CONFIRMED orders: 0 when no reservation outlived its order. */
  readonly reservationMismatch: number;
  /** APPROVED (unrefunded) charges whose order is not CONFIRMED. */
  readonly chargesWithoutOrder: number;
  /** CONFIRMED orders with no APPROVED charge. */
  readonly ordersWithoutCharge: number;
}

async function count(db: Client, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.query<{ n: string }>(sql, params);
  return Number(rows[0].n);
}

export async function stockOfProduct(db: Client, productId: string): Promise<number> {
  return count(db, 'SELECT stock AS n FROM inventory.products WHERE id = $1', [productId]);
}

export async function readInvariants(db: Client, productId: string, startingStock: number): Promise<SagaInvariants> {
  const confirmedUnits = await count(
    db,
    `SELECT coalesce(sum(i.quantity), 0) AS n FROM orders.order_items i JOIN orders.orders o ON o.id = i.order_id
      WHERE o.status = 'CONFIRMED' AND i.product_id = $1`,
    [productId],
  );
  const reservedUnits = await count(db, "SELECT coalesce(sum(quantity), 0) AS n FROM inventory.reservations WHERE status = 'RESERVED' AND product_id = $1", [productId]);
  return {
    pendingOrders: await count(db, "SELECT count(*) AS n FROM orders.orders WHERE status = 'PENDING'"),
    confirmedOrders: await count(db, "SELECT count(*) AS n FROM orders.orders WHERE status = 'CONFIRMED'"),
    cancelledOrders: await count(db, "SELECT count(*) AS n FROM orders.orders WHERE status = 'CANCELLED'"),
    stockMismatch: startingStock - ((await stockOfProduct(db, productId)) + confirmedUnits),
    reservationMismatch: reservedUnits - confirmedUnits,
    chargesWithoutOrder: await count(
      db,
      `SELECT count(*) AS n FROM payments.payments p WHERE p.status = 'APPROVED'
        AND NOT EXISTS (SELECT 1 FROM orders.orders o WHERE o.id = p.order_id AND o.status = 'CONFIRMED')`,
    ),
    ordersWithoutCharge: await count(
      db,
      `SELECT count(*) AS n FROM orders.orders o WHERE o.status = 'CONFIRMED'
        AND NOT EXISTS (SELECT 1 FROM payments.payments p WHERE p.order_id = o.id AND p.status = 'APPROVED')`,
    ),
  };
}

/** Idempotency keys that made an order, with its final status. */
export async function ordersByKey(db: Client): Promise<Map<string, string>> {
  const { rows } = await db.query<{ idempotency_key: string; status: string }>('SELECT idempotency_key, status FROM orders.orders');
  return new Map(rows.map((r) => [r.idempotency_key, r.status]));
}
