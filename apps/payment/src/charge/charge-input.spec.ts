import { randomUUID } from 'node:crypto';
import { ShopError, type ChargeRequest } from '@shop/contracts';
import { assertChargeInput } from './charge-input';

const charge = (overrides: Partial<ChargeRequest>): ChargeRequest => ({
  orderId: randomUUID(),
  amount: 1250,
  currency: 'EUR',
  card: { number: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' },
  ...overrides,
});

function codeOf(request: ChargeRequest): string | undefined {
  try {
    assertChargeInput(request);
    return undefined;
  } catch (error) {
    return (error as ShopError).code;
  }
}

describe('assertChargeInput currency', () => {
  it('charges in the currency the shop sells', () => {
    expect(codeOf(charge({ currency: 'EUR' }))).toBeUndefined();
  });

  // Issue 14 item 7: any three-letter code used to be charged.
  it.each(['USD', 'XXX', 'ZZZ', 'eur', 'EURO', ''])('refuses %p with PAYMENT.CURRENCY_NOT_ACCEPTED', (currency) => {
    expect(codeOf(charge({ currency }))).toBe('PAYMENT.CURRENCY_NOT_ACCEPTED');
  });

  it('still refuses a bad order id, amount and card', () => {
    expect(codeOf(charge({ orderId: 'x' }))).toBe('REQUEST.VALIDATION_FAILED');
    expect(codeOf(charge({ amount: 0 }))).toBe('REQUEST.VALIDATION_FAILED');
    expect(codeOf(charge({ card: undefined as never }))).toBe('REQUEST.VALIDATION_FAILED');
  });
});
