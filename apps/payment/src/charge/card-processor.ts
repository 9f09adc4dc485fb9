import type { PaymentCard } from '@shop/contracts';

export interface CardSummary {
  readonly brand: string;
  readonly last4: string;
}

export type ProcessorDecision = { readonly approved: true } | { readonly approved: false; readonly declineCode: string };

/** Well-known test numbers, as in public card-processor sandboxes. */
const DECLINED: Readonly<Record<string, string>> = {
  '4000000000000002': 'card_declined',
  '4000000000009995': 'insufficient_funds',
};

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

function brandOf(digits: string): string {
  if (digits.startsWith('4')) return 'visa';
  // 2-series Mastercard is 2221-2720 only; 2200-2204 is Mir, for example.
  if (/^(5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d{2}|27[01]\d|2720)/.test(digits)) return 'mastercard';
  if (/^3[47]/.test(digits)) return 'amex';
  return 'unknown';
}

/** Why a card cannot even be submitted, or undefined when it is well-formed. */
export function cardProblem(card: PaymentCard, now = new Date()): string | undefined {
  if (!/^\d{13,19}$/.test(card.number) || !passesLuhn(card.number)) return 'invalid card number';
  if (!/^\d{3,4}$/.test(card.cvc)) return 'invalid cvc';
  const expiry = new Date(Date.UTC(card.expYear, card.expMonth, 1)); // first day after the expiry month
  if (!(card.expMonth >= 1 && card.expMonth <= 12) || expiry <= now) return 'card expired';
  return undefined;
}

export function summarize(card: PaymentCard): CardSummary {
  return { brand: brandOf(card.number), last4: card.number.slice(-4) };
}

/** The fake processor: the documented decline numbers decline, every other valid card is approved. */
export function decide(card: PaymentCard): ProcessorDecision {
  const declineCode = DECLINED[card.number];
  return declineCode ? { approved: false, declineCode } : { approved: true };
}
