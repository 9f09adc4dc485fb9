import { ShopError, SHOP_CURRENCIES, isShopCurrency, isUuid, type ChargeRequest } from '@shop/contracts';
import { cardProblem } from './card-processor';

/**
 * Payment checks a charge itself: it cannot know that its caller is a
 * correct order service. Only the currencies the shop sells are charged,
 * so a caller cannot move money in one it made up.
 */
export function assertChargeInput(request: ChargeRequest): void {
  if (!isUuid(request.orderId)) throw new ShopError('REQUEST.VALIDATION_FAILED', 'orderId must be a UUID');
  if (!Number.isSafeInteger(request.amount) || request.amount <= 0) throw new ShopError('REQUEST.VALIDATION_FAILED', 'amount must be positive');
  if (!isShopCurrency(request.currency)) throw new ShopError('PAYMENT.CURRENCY_NOT_ACCEPTED', `currency must be one of ${SHOP_CURRENCIES.join(', ')}`);
  const problem = request.card ? cardProblem(request.card) : 'card missing';
  if (problem) throw new ShopError('REQUEST.VALIDATION_FAILED', problem);
}
