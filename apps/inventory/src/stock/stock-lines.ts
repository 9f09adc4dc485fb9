import { ShopError, isUuid, type StockLine } from '@shop/contracts';

export const MAX_LINES = 20;
export const MAX_QUANTITY = 100;

/**
 * Checks a reservation request and returns its lines sorted by product id.
 * Every transaction locks product rows in that same order, so two orders for
 * overlapping products can never deadlock.
 */
export function assertOrderId(orderId: string): void {
  if (!isUuid(orderId)) throw new ShopError('REQUEST.VALIDATION_FAILED', 'orderId must be a UUID');
}

export function normalizeLines(orderId: string, lines: readonly StockLine[]): StockLine[] {
  assertOrderId(orderId);
  if (lines.length === 0 || lines.length > MAX_LINES) throw new ShopError('REQUEST.VALIDATION_FAILED', `1 to ${MAX_LINES} lines`);
  const seen = new Set<string>();
  const normalized: StockLine[] = [];
  for (const line of lines) {
    if (!isUuid(line.productId)) throw new ShopError('PRODUCT.NOT_FOUND', 'productId must be a UUID');
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY) {
      throw new ShopError('REQUEST.VALIDATION_FAILED', `quantity must be 1..${MAX_QUANTITY}`);
    }
    // PostgreSQL reads a UUID case-insensitively: "A..." and "a..." are the same product.
    const productId = line.productId.toLowerCase();
    if (seen.has(productId)) throw new ShopError('REQUEST.VALIDATION_FAILED', 'a product appears twice');
    seen.add(productId);
    normalized.push({ productId, quantity: line.quantity });
  }
  return normalized.sort((a, b) => a.productId.localeCompare(b.productId));
}
