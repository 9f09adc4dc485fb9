/**
 * What one checkout may ask for. The gateway's DTO, order's input check and
 * inventory's stock lines all read these; order's migration repeats the
 * quantity range and the key length as SQL CHECKs (migrations are history and
 * never change), and `apps/order/src/order.database.int.spec.ts`
 * compares those CHECKs with these numbers.
 */
export const ORDER_LIMITS = {
  /** Distinct products in one order (order items, stock lines). */
  maxLines: 20,
  /** Units of one product in one order. */
  maxQuantity: 100,
} as const;

/** A quantity within the limits: a whole number of units, 1..maxQuantity. */
export function isOrderQuantity(quantity: unknown): quantity is number {
  return Number.isInteger(quantity) && (quantity as number) >= 1 && (quantity as number) <= ORDER_LIMITS.maxQuantity;
}

/**
 * The `Idempotency-Key` a checkout must carry: long enough to be unique per
 * attempt, short and plain enough to store, log and compare safely.
 */
export const IDEMPOTENCY_KEY = {
  minLength: 8,
  maxLength: 128,
  characters: 'A-Za-z0-9._:-',
} as const;

// eslint-disable-next-line security/detect-non-literal-regexp -- built once from the constants above, never from input
const IDEMPOTENCY_KEY_PATTERN = new RegExp(`^[${IDEMPOTENCY_KEY.characters}]{${IDEMPOTENCY_KEY.minLength},${IDEMPOTENCY_KEY.maxLength}}$`);

export function isIdempotencyKey(key: unknown): key is string {
  return typeof key === 'string' && IDEMPOTENCY_KEY_PATTERN.test(key);
}
