/**
 * The public operations a passport can be minted for: one per authenticated
 * gateway route, plus `orders.compensate` for undoing one checkout. The
 * gateway writes the operation into the passport (`op`); every RPC in
 * rpc-policies.ts names the operations that may reach it, and every hop
 * checks. A passport captured for reading an order then opens nothing else.
 */
export const OPERATIONS = [
  'auth.logout',
  'orders.place',
  'orders.get',
  'orders.list',
  'admin.orders.list',
  'admin.products.import-image',
  'orders.compensate',
  // The security console (gateway only): its passport opens no RPC at all.
  'admin.console',
] as const;
export type Operation = (typeof OPERATIONS)[number];

/** Operations whose passport names the one order it may act on (`order_id`). */
export const ORDER_BOUND_OPERATIONS: readonly Operation[] = ['orders.place', 'orders.compensate'];

export function isOperation(value: unknown): value is Operation {
  return typeof value === 'string' && (OPERATIONS as readonly string[]).includes(value);
}
