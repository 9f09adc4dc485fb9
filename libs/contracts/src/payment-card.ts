import type { PaymentCard } from './types/common';

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Why a card cannot even be submitted, or undefined when it is well-formed.
 * Needs no processor call, so order checks it before reserving any stock,
 * and payment again before charging.
 */
export function cardProblem(card: PaymentCard, now = new Date()): string | undefined {
  if (!/^\d{13,19}$/.test(card.number) || !passesLuhn(card.number)) return 'invalid card number';
  if (!/^\d{3,4}$/.test(card.cvc)) return 'invalid cvc';
  const expiry = new Date(Date.UTC(card.expYear, card.expMonth, 1)); // first day after the expiry month
  if (!(card.expMonth >= 1 && card.expMonth <= 12) || expiry <= now) return 'card expired';
  return undefined;
}
