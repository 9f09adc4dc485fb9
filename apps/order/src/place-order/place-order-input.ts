import { createHash } from 'node:crypto';
import { ORDER_LIMITS, ShopError, cardProblem, isIdempotencyKey, isOrderQuantity, isUuid, type PlaceOrderRequest } from '@shop/contracts';

/**
 * The service validates its own input even though the gateway already did:
 * it cannot know that every caller is the gateway, or a correct one. It
 * checks everything that needs no downstream call, the card included, so a
 * malformed or expired card never locks stock that paying customers want.
 */
export function validatePlaceOrder(request: PlaceOrderRequest, now = new Date()): void {
  if (!isIdempotencyKey(request.idempotencyKey)) throw new ShopError('ORDER.IDEMPOTENCY_KEY_REQUIRED');
  const items = request.items ?? [];
  if (items.length === 0 || items.length > ORDER_LIMITS.maxLines) throw new ShopError('REQUEST.VALIDATION_FAILED', `1 to ${ORDER_LIMITS.maxLines} items`);
  const seen = new Set<string>();
  for (const item of items) {
    if (!isUuid(item.productId)) throw new ShopError('REQUEST.VALIDATION_FAILED', 'productId must be a UUID');
    if (!isOrderQuantity(item.quantity)) throw new ShopError('REQUEST.VALIDATION_FAILED', `quantity must be 1..${ORDER_LIMITS.maxQuantity}`);
    // A UUID is case-insensitive: "A..." and "a..." name the same product.
    const productId = item.productId.toLowerCase();
    if (seen.has(productId)) throw new ShopError('REQUEST.VALIDATION_FAILED', 'a product appears twice');
    seen.add(productId);
  }
  if (!request.card?.number) throw new ShopError('REQUEST.VALIDATION_FAILED', 'payment card missing');
  const problem = cardProblem(request.card, now);
  if (problem) throw new ShopError('REQUEST.VALIDATION_FAILED', problem);
}

/**
 * Fingerprint of what was ordered, to tell an honest retry from a reused
 * key. Only the last four card digits take part: the full number is never
 * stored, not even hashed.
 */
export function requestHash(request: PlaceOrderRequest): string {
  const items = [...request.items].sort((a, b) => a.productId.localeCompare(b.productId)).map((i) => `${i.productId}x${i.quantity}`);
  return createHash('sha256')
    .update(`${items.join(',')}|${request.card.number.slice(-4)}|${request.card.expMonth}/${request.card.expYear}`)
    .digest('hex');
}
