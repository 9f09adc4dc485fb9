import { ORDER_LIMITS, type StockLine } from '@shop/contracts';
import { shopErrorCodeOf } from '@shop/testing';
import { assertOrderId, normalizeLines } from './stock-lines';

const ORDER = '5d2c1a0e-7b3f-4c9d-8e1a-2f3b4c5d6e7f';
const A = '1a2b3c4d-0000-4000-8000-000000000001';
const B = '9f8e7d6c-0000-4000-8000-000000000002';
const C = 'c0ffee00-0000-4000-8000-000000000003';
const productId = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;


describe('normalizeLines ordering', () => {
  it('sorts lines by product id so every transaction locks rows in the same order', () => {
    const lines = normalizeLines(ORDER, [
      { productId: C, quantity: 1 },
      { productId: A, quantity: 2 },
      { productId: B, quantity: 3 },
    ]);
    expect(lines.map((l) => l.productId)).toEqual([A, B, C]);
    expect(lines.map((l) => l.quantity)).toEqual([2, 3, 1]);
  });

  it('does not reorder the caller\'s array', () => {
    const input: StockLine[] = [{ productId: B, quantity: 1 }, { productId: A, quantity: 1 }];
    normalizeLines(ORDER, input);
    expect(input[0].productId).toBe(B);
  });

  it('writes product ids in lower case', () => {
    expect(normalizeLines(ORDER, [{ productId: C.toUpperCase(), quantity: 1 }])).toEqual([{ productId: C, quantity: 1 }]);
  });

  it('accepts the limits: 1 and 20 lines, quantity 1 and 100', () => {
    expect(normalizeLines(ORDER, [{ productId: A, quantity: 1 }])).toHaveLength(1);
    const many = Array.from({ length: ORDER_LIMITS.maxLines }, (_, i) => ({ productId: productId(i), quantity: ORDER_LIMITS.maxQuantity }));
    expect(normalizeLines(ORDER, many)).toHaveLength(ORDER_LIMITS.maxLines);
  });
});

describe('normalizeLines refusals', () => {
  it('rejects a product that appears twice, in any letter case', () => {
    expect(shopErrorCodeOf(() => normalizeLines(ORDER, [{ productId: A, quantity: 1 }, { productId: A, quantity: 2 }]))).toBe('REQUEST.VALIDATION_FAILED');
    expect(shopErrorCodeOf(() => normalizeLines(ORDER, [{ productId: C, quantity: 1 }, { productId: C.toUpperCase(), quantity: 1 }]))).toBe('REQUEST.VALIDATION_FAILED');
  });

  it.each(['not-a-uuid', '', `${A}x`, `'; DROP TABLE products; --`])('answers PRODUCT.NOT_FOUND for the product id %p', (id) => {
    expect(shopErrorCodeOf(() => normalizeLines(ORDER, [{ productId: id, quantity: 1 }]))).toBe('PRODUCT.NOT_FOUND');
  });

  it.each([0, -1, 101, 1.5, Number.NaN])('rejects quantity %p', (quantity) => {
    expect(shopErrorCodeOf(() => normalizeLines(ORDER, [{ productId: A, quantity }]))).toBe('REQUEST.VALIDATION_FAILED');
  });

  it('rejects no lines and more than 20 lines', () => {
    expect(shopErrorCodeOf(() => normalizeLines(ORDER, []))).toBe('REQUEST.VALIDATION_FAILED');
    const tooMany = Array.from({ length: ORDER_LIMITS.maxLines + 1 }, (_, i) => ({ productId: productId(i), quantity: 1 }));
    expect(shopErrorCodeOf(() => normalizeLines(ORDER, tooMany))).toBe('REQUEST.VALIDATION_FAILED');
  });

  it('rejects an order id that is not a UUID before looking at the lines', () => {
    expect(shopErrorCodeOf(() => normalizeLines('order-1', []))).toBe('REQUEST.VALIDATION_FAILED');
  });
});

describe('assertOrderId', () => {
  it('accepts a UUID in either case', () => {
    expect(shopErrorCodeOf(() => assertOrderId(ORDER))).toBeUndefined();
    expect(shopErrorCodeOf(() => assertOrderId(ORDER.toUpperCase()))).toBeUndefined();
  });

  it.each(['', 'order-1', `${ORDER} `, ORDER.replaceAll('-', ''), `{${ORDER}}`])('rejects %p', (id) => {
    expect(shopErrorCodeOf(() => assertOrderId(id))).toBe('REQUEST.VALIDATION_FAILED');
  });
});
