import { IDEMPOTENCY_KEY, isIdempotencyKey, isOrderQuantity, ORDER_LIMITS } from './order-limits';

describe('order limits', () => {
  it('accepts quantities 1..maxQuantity in whole units only', () => {
    expect([1, ORDER_LIMITS.maxQuantity].map(isOrderQuantity)).toEqual([true, true]);
    expect([0, -3, ORDER_LIMITS.maxQuantity + 1, 1.5, '2', Number.NaN, undefined].map(isOrderQuantity)).toEqual(Array(7).fill(false));
  });

  it('accepts Idempotency-Keys of the documented length and characters only', () => {
    const shortest = 'a'.repeat(IDEMPOTENCY_KEY.minLength);
    const longest = 'Az09._:-'.repeat(IDEMPOTENCY_KEY.maxLength / 8);
    expect([shortest, longest].map(isIdempotencyKey)).toEqual([true, true]);
    const refused = [shortest.slice(1), `${longest}a`, 'abcdefg h', 'abcdefgh\n', 'abcdefgé', undefined, 12345678];
    expect(refused.map(isIdempotencyKey)).toEqual(Array(refused.length).fill(false));
  });
});
