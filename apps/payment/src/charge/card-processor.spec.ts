import type { PaymentCard } from '@shop/contracts';
import { cardProblem, decide, summarize } from './card-processor';

const NOW = new Date(Date.UTC(2026, 2, 15, 12)); // 15 March 2026
const valid: PaymentCard = { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' };
const card = (overrides: Partial<PaymentCard>): PaymentCard => ({ ...valid, ...overrides });

describe('cardProblem number', () => {
  it.each(['4242424242424242', '5555555555554444', '378282246310005', '4222222222222', '6011000990139424'])('accepts %s', (number) => {
    expect(cardProblem(card({ number }), NOW)).toBeUndefined();
  });

  it.each([
    ['a Luhn failure', '4242424242424241'],
    ['12 digits', '424242424242'],
    ['20 digits', '42424242424242424242'],
    ['spaces', '4242 4242 4242 4242'],
    ['letters', '4242a24242424242'],
    ['nothing', ''],
  ])('rejects %s', (_label, number) => {
    expect(cardProblem(card({ number }), NOW)).toBe('invalid card number');
  });
});

describe('cardProblem cvc', () => {
  it.each(['123', '1234'])('accepts %s', (cvc) => {
    expect(cardProblem(card({ cvc }), NOW)).toBeUndefined();
  });

  it.each(['12', '12345', '12a', ''])('rejects %p', (cvc) => {
    expect(cardProblem(card({ cvc }), NOW)).toBe('invalid cvc');
  });
});

describe('cardProblem expiry', () => {
  it('accepts a card expiring this month', () => {
    expect(cardProblem(card({ expMonth: 3, expYear: 2026 }), NOW)).toBeUndefined();
    expect(cardProblem(card({ expMonth: 3, expYear: 2026 }), new Date(Date.UTC(2026, 2, 31, 23, 59)))).toBeUndefined();
  });

  it('rejects a card that expired last month', () => {
    expect(cardProblem(card({ expMonth: 2, expYear: 2026 }), NOW)).toBe('card expired');
  });

  it('rejects a card from the first moment of the month after expiry', () => {
    expect(cardProblem(card({ expMonth: 3, expYear: 2026 }), new Date(Date.UTC(2026, 3, 1)))).toBe('card expired');
  });

  it('handles a December expiry across the year end', () => {
    expect(cardProblem(card({ expMonth: 12, expYear: 2025 }), new Date(Date.UTC(2025, 11, 31)))).toBeUndefined();
    expect(cardProblem(card({ expMonth: 12, expYear: 2025 }), new Date(Date.UTC(2026, 0, 1)))).toBe('card expired');
  });

  it.each([0, 13, -1])('rejects month %s', (expMonth) => {
    expect(cardProblem(card({ expMonth, expYear: 2030 }), NOW)).toBe('card expired');
  });
});

describe('summarize', () => {
  it.each([
    ['4242424242424242', 'visa', '4242'],
    ['5555555555554444', 'mastercard', '4444'],
    ['2221000000000009', 'mastercard', '0009'],
    ['2223003122003222', 'mastercard', '3222'],
    ['2720992593319364', 'mastercard', '9364'],
    ['378282246310005', 'amex', '0005'],
    ['371449635398431', 'amex', '8431'],
    ['6011111111111117', 'unknown', '1117'],
    ['2200000000000004', 'unknown', '0004'],
    ['2220990000000004', 'unknown', '0004'],
    ['2721000000000004', 'unknown', '0004'],
  ])('describes %s as %s ending in %s', (number, brand, last4) => {
    expect(summarize(card({ number }))).toEqual({ brand, last4 });
  });

  it('never returns more than the last four digits', () => {
    expect(JSON.stringify(summarize(valid))).not.toContain('424242424242');
  });
});

describe('decide', () => {
  it('approves an ordinary valid card', () => {
    expect(decide(valid)).toEqual({ approved: true });
  });

  it.each([
    ['4000000000000002', 'card_declined'],
    ['4000000000009995', 'insufficient_funds'],
  ])('declines the sandbox number %s with %s', (number, declineCode) => {
    expect(decide(card({ number }))).toEqual({ approved: false, declineCode });
  });
});
