import { ORDER_LIMITS, ShopError, isOrderQuantity, isUuid, type StockLine } from '@shop/contracts';

export function assertOrderId(orderId: string): void {
  if (!isUuid(orderId)) throw new ShopError('REQUEST.VALIDATION_FAILED', 'orderId must be a UUID');
}

/**
 * Checks a reservation request and returns its lines sorted by product id.
 * Every transaction locks product rows in that same order, so two orders for
 * overlapping products can never deadlock.
 */
export function normalizeLines(orderId: string, lines: readonly StockLine[]): StockLine[] {
  assertOrderId(orderId);
  if (lines.length === 0 || lines.length > ORDER_LIMITS.maxLines) throw new ShopError('REQUEST.VALIDATION_FAILED', `1 to ${ORDER_LIMITS.maxLines} lines`);
  const seen = new Set<string>();
  const normalized: StockLine[] = [];
  for (const line of lines) {
    if (!isUuid(line.productId)) throw new ShopError('PRODUCT.NOT_FOUND', 'productId must be a UUID');
    if (!isOrderQuantity(line.quantity)) throw new ShopError('REQUEST.VALIDATION_FAILED', `quantity must be 1..${ORDER_LIMITS.maxQuantity}`);
    // PostgreSQL reads a UUID case-insensitively: "A..." and "a..." are the same product.
    const productId = line.productId.toLowerCase();
    if (seen.has(productId)) throw new ShopError('REQUEST.VALIDATION_FAILED', 'a product appears twice');
    seen.add(productId);
    normalized.push({ productId, quantity: line.quantity });
  }
  return normalized.sort((a, b) => a.productId.localeCompare(b.productId));
}
