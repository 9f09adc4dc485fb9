/**
 * The currencies the shop sells in: the one list. Products are priced in
 * them (inventory's seed), orders total in them, and payment refuses to
 * charge anything else, so a caller cannot invent a currency.
 */
export const SHOP_CURRENCIES = ['EUR'] as const;
export type ShopCurrency = (typeof SHOP_CURRENCIES)[number];

/** The currency new prices and empty orders start in. */
export const DEFAULT_CURRENCY: ShopCurrency = 'EUR';

export function isShopCurrency(value: unknown): value is ShopCurrency {
  return typeof value === 'string' && (SHOP_CURRENCIES as readonly string[]).includes(value);
}
