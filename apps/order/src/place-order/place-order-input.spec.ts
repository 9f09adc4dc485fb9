import { ORDER_LIMITS, type PlaceOrderRequest } from '@shop/contracts';
import { shopErrorCodeOf } from '@shop/testing';
import { requestHash, validatePlaceOrder } from './place-order-input';

const A = '1a2b3c4d-0000-4000-8000-000000000001';
const B = '9f8e7d6c-0000-4000-8000-000000000002';
const CARD = { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' };
const productId = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

function request(overrides: Partial<PlaceOrderRequest> = {}): PlaceOrderRequest {
  return { idempotencyKey: 'order-key-0001', items: [{ productId: A, quantity: 1 }], card: CARD, ...overrides };
}


describe('validatePlaceOrder idempotency key', () => {
  it.each(['order-key-0001', 'abcdefgh', 'a.b_c:d-e', 'k'.repeat(128)])('accepts %p', (idempotencyKey) => {
    expect(shopErrorCodeOf(() => validatePlaceOrder(request({ idempotencyKey })))).toBeUndefined();
  });

  it.each([undefined, '', 'short', 'k'.repeat(129), 'has space1', 'new\nline-key', 'ключ-заказа-01'])('answers ORDER.IDEMPOTENCY_KEY_REQUIRED for %p', (idempotencyKey) => {
    expect(shopErrorCodeOf(() => validatePlaceOrder(request({ idempotencyKey: idempotencyKey as string })))).toBe('ORDER.IDEMPOTENCY_KEY_REQUIRED');
  });
});

describe('validatePlaceOrder items', () => {
  it('accepts up to 20 items of up to 100 each', () => {
    const items = Array.from({ length: ORDER_LIMITS.maxLines }, (_, i) => ({ productId: productId(i), quantity: ORDER_LIMITS.maxQuantity }));
    expect(shopErrorCodeOf(() => validatePlaceOrder(request({ items })))).toBeUndefined();
  });

  it.each([
    ['no items', []],
    ['missing items', undefined],
    ['21 items', Array.from({ length: ORDER_LIMITS.maxLines + 1 }, (_, i) => ({ productId: productId(i), quantity: 1 }))],
    ['a product id that is not a UUID', [{ productId: 'product-1', quantity: 1 }]],
    ['quantity 0', [{ productId: A, quantity: 0 }]],
    ['quantity 101', [{ productId: A, quantity: 101 }]],
    ['quantity 1.5', [{ productId: A, quantity: 1.5 }]],
    ['a repeated product', [{ productId: A, quantity: 1 }, { productId: A, quantity: 2 }]],
    ['a product repeated in another letter case', [{ productId: A, quantity: 1 }, { productId: A.toUpperCase(), quantity: 2 }]],
  ])('rejects %s', (_label, items) => {
    expect(shopErrorCodeOf(() => validatePlaceOrder(request({ items: items as PlaceOrderRequest['items'] })))).toBe('REQUEST.VALIDATION_FAILED');
  });

  it('checks the idempotency key before the items', () => {
    expect(shopErrorCodeOf(() => validatePlaceOrder(request({ idempotencyKey: '', items: [] })))).toBe('ORDER.IDEMPOTENCY_KEY_REQUIRED');
  });
});

describe('validatePlaceOrder card', () => {
  it('checks the card itself before anything is reserved: number (Luhn), CVC and expiry', () => {
    const now = new Date('2030-06-15T00:00:00Z');
    expect(shopErrorCodeOf(() => validatePlaceOrder(request({ card: { ...CARD, number: '4242424242424241' } }), now))).toBe('REQUEST.VALIDATION_FAILED');
    expect(shopErrorCodeOf(() => validatePlaceOrder(request({ card: { ...CARD, cvc: '12' } }), now))).toBe('REQUEST.VALIDATION_FAILED');
    expect(shopErrorCodeOf(() => validatePlaceOrder(request({ card: { ...CARD, expYear: 2030, expMonth: 5 } }), now))).toBe('REQUEST.VALIDATION_FAILED');
    expect(() => validatePlaceOrder(request(), now)).not.toThrow();
  });

  it('rejects a missing card or card number', () => {
    expect(shopErrorCodeOf(() => validatePlaceOrder(request({ card: undefined as unknown as PlaceOrderRequest['card'] })))).toBe('REQUEST.VALIDATION_FAILED');
    expect(shopErrorCodeOf(() => validatePlaceOrder(request({ card: { ...CARD, number: '' } })))).toBe('REQUEST.VALIDATION_FAILED');
  });
});

describe('requestHash', () => {
  const twoItems = request({ items: [{ productId: A, quantity: 1 }, { productId: B, quantity: 2 }] });

  it('does not depend on the order of the items', () => {
    const reversed = request({ items: [{ productId: B, quantity: 2 }, { productId: A, quantity: 1 }] });
    expect(requestHash(reversed)).toBe(requestHash(twoItems));
  });

  it('changes when a quantity, a product or the card expiry changes', () => {
    const base = requestHash(twoItems);
    expect(requestHash(request({ items: [{ productId: A, quantity: 1 }, { productId: B, quantity: 3 }] }))).not.toBe(base);
    expect(requestHash(request({ items: [{ productId: A, quantity: 1 }] }))).not.toBe(base);
    expect(requestHash({ ...twoItems, card: { ...CARD, expYear: 2031 } })).not.toBe(base);
  });

  it('is the same for another card with the same last four digits and expiry', () => {
    const other = { ...CARD, number: '4000056655664242', cvc: '999' };
    expect(requestHash({ ...twoItems, card: other })).toBe(requestHash(twoItems));
    expect(requestHash({ ...twoItems, card: { ...CARD, number: '5555555555554444' } })).not.toBe(requestHash(twoItems));
  });

  it('is a SHA-256 hex digest that never contains the card number', () => {
    const hash = requestHash(twoItems);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(CARD.number);
  });

  it('ignores the idempotency key itself', () => {
    expect(requestHash({ ...twoItems, idempotencyKey: 'another-key-01' })).toBe(requestHash(twoItems));
  });
});
